"""Every write to questions, answers and helpful votes."""

from collections.abc import Iterable
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.core.models import Topic, Visibility
from alongside.core.services import topics_ensure
from alongside.core.tasks import enqueue_on_commit
from alongside.moderation import policy
from alongside.moderation.services import crisis_screen
from alongside.questions import tasks
from alongside.questions.models import Answer, HelpfulVote, Question


class Posted(NamedTuple):
    """What a member posted, and whether crisis screening asks us to show them help now."""

    item: object
    crisis: bool


@transaction.atomic
def question_create(
    *,
    author: User,
    community: Community,
    title: str,
    body: str = "",
    topics: Iterable[str] = (),
    visibility: str = Visibility.PUBLISHED,
) -> Question:
    """Store a question as given (the demo and imports use this; members go through
    `question_ask`)."""
    question = Question.objects.create(
        author=author,
        community=community,
        title=title.strip(),
        body=body.strip(),
        visibility=visibility,
    )
    question.topics.set(topics_ensure(slugs_or_names=list(topics)))
    return question


def question_ask(
    *,
    author: User,
    community: Community,
    title: str,
    body: str = "",
    topics: Iterable[Topic | str] = (),
) -> Posted:
    """A member asks: checks suspension and limits, holds new members' questions, screens."""
    text = f"{title} {body}"
    policy.post_check(user=author, community=community, action="question", text=text)
    question = question_create(
        author=author,
        community=community,
        title=title,
        body=body,
        topics=[topic.slug if hasattr(topic, "slug") else topic for topic in topics],
        visibility=policy.initial_visibility_for(user=author, community=community),
    )
    text = f"{question.title} {question.body}"
    return Posted(
        question, crisis_screen(text=text, user=author, community=community, target=question)
    )


@transaction.atomic
def answer_create(
    *, author: User, question: Question, body: str, visibility: str = Visibility.PUBLISHED
) -> Answer:
    """Store an answer; published answers count and notify the asker."""
    answer = Answer.objects.create(
        author=author,
        question=question,
        community_id=question.community_id,
        body=body.strip(),
        visibility=visibility,
    )
    if visibility == Visibility.PUBLISHED:
        _published(answer)
    return answer


def _published(answer: Answer) -> None:
    Question.objects.filter(pk=answer.question_id).update(answer_count=F("answer_count") + 1)
    enqueue_on_commit(tasks.notify_answer, answer.pk)


def answer_post(*, author: User, question: Question, body: str) -> Posted:
    """A member answers a question they can see."""
    if not body.strip():
        raise ValidationError(_("Write your answer first."), code="empty")
    policy.post_check(user=author, community=question.community, action="answer", text=body)
    answer = answer_create(
        author=author,
        question=question,
        body=body,
        visibility=policy.initial_visibility_for(user=author, community=question.community),
    )
    crisis = crisis_screen(
        text=answer.body, user=author, community=question.community, target=answer
    )
    return Posted(answer, crisis)


@transaction.atomic
def answer_visibility_set(*, answer: Answer, visibility: str) -> Answer:
    """For moderators: keeps the question's answer count to published answers only."""
    was_published = answer.visibility == Visibility.PUBLISHED
    answer.visibility = Visibility(visibility)
    answer.save(update_fields=["visibility", "updated_at"])
    now_published = answer.visibility == Visibility.PUBLISHED
    if now_published and not was_published:
        _published(answer)
    elif was_published and not now_published:
        Question.objects.filter(pk=answer.question_id, answer_count__gt=0).update(
            answer_count=F("answer_count") - 1
        )
    return answer


def question_visibility_set(*, question: Question, visibility: str) -> Question:
    question.visibility = Visibility(visibility)
    question.save(update_fields=["visibility", "updated_at"])
    return question


@transaction.atomic
def helpful_toggle(*, user: User, answer: Answer) -> bool:
    """Mark an answer helpful, or take the mark back. True when it is now marked."""
    if answer.author_id == user.pk:
        raise ValidationError(_("You cannot mark your own answer as helpful."), code="own")
    deleted, _rows = HelpfulVote.objects.filter(user=user, answer=answer).delete()
    if deleted:
        Answer.objects.filter(pk=answer.pk, helpful_count__gt=0).update(
            helpful_count=F("helpful_count") - 1
        )
        return False
    try:
        with transaction.atomic():
            HelpfulVote.objects.create(user=user, answer=answer)
    except IntegrityError:
        return True
    Answer.objects.filter(pk=answer.pk).update(helpful_count=F("helpful_count") + 1)
    return True


def best_answer_set(*, by: User, question: Question, answer: Answer | None) -> Question:
    """Only the asker chooses the best answer, among the published answers to their question."""
    if question.author_id != by.pk:
        raise ValidationError(
            _("Only the person who asked can choose the best answer."), code="not_asker"
        )
    if answer is not None and (
        answer.question_id != question.pk or answer.visibility != Visibility.PUBLISHED
    ):
        raise ValidationError(_("Choose one of the answers to this question."), code="not_answer")
    question.best_answer = answer
    question.save(update_fields=["best_answer", "updated_at"])
    return question


def answer_comment_post(*, author: User, answer: Answer, body: str) -> Posted:
    """Comment on an answer through the conversations app (one comment model for all)."""
    from alongside.conversations.services import comment_create

    # comment_create applies the posting policy itself, as for comments on updates.
    comment = comment_create(author=author, answer=answer, body=body)  # screens for crisis too
    return Posted(comment, comment.crisis)


@transaction.atomic
def answer_delete(*, answer: Answer) -> None:
    """Remove an answer, keeping the question's count of published answers right."""
    if answer.visibility == Visibility.PUBLISHED:
        Question.objects.filter(pk=answer.question_id, answer_count__gt=0).update(
            answer_count=F("answer_count") - 1
        )
    answer.delete()


@transaction.atomic
def member_questions_erase(*, user: User, keep_posts: bool) -> None:
    """Erasure (core.privacy): keep posts anonymised, or delete them (answers to deleted
    questions go with them)."""
    if keep_posts:
        Question.objects.filter(author=user).update(author=None)
        Answer.objects.filter(author=user).update(author=None)
        return
    for answer in Answer.objects.filter(author=user):
        answer_delete(answer=answer)
    Question.objects.filter(author=user).delete()
