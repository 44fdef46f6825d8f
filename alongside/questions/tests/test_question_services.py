import pytest
from django.core.exceptions import ValidationError

from alongside.core.models import Visibility
from alongside.moderation.models import Report
from alongside.moderation.services import moderation_act
from alongside.notifications.models import Kind, Notification
from alongside.questions.models import Answer, Question
from alongside.questions.selectors import question_list_for, similar_questions
from alongside.questions.services import (
    answer_create,
    answer_post,
    best_answer_set,
    helpful_toggle,
    question_ask,
    question_create,
)

pytestmark = pytest.mark.django_db


def test_asking_stores_the_topics_and_holds_a_new_member_s_question(community, make_member):
    posted = question_ask(
        author=make_member(), community=community, title=" Heat? ", topics=["Fatigue"]
    )
    question = Question.objects.get()
    assert question.title == "Heat?" and posted.crisis is False
    assert [topic.slug for topic in question.topics.all()] == ["fatigue"]
    assert question.visibility == Visibility.PENDING


def test_a_question_with_crisis_language_asks_for_help_to_be_shown(community, trusted):
    posted = question_ask(author=trusted(), community=community, title="I want to die, is it LDN?")
    assert posted.crisis is True
    assert Report.objects.get(is_automatic=True).target == posted.item


def test_an_answer_counts_and_notifies_the_asker_without_quoting_it(
    community, trusted, django_capture_on_commit_callbacks
):
    asker = trusted(display_name="Ash")
    question = question_create(author=asker, community=community, title="Heat?")
    with django_capture_on_commit_callbacks(execute=True):
        answer_post(author=trusted(display_name="Bo"), question=question, body="A secret tip.")
    question.refresh_from_db()
    assert question.answer_count == 1
    notification = Notification.objects.get(recipient=asker)
    assert notification.kind == Kind.ANSWER
    assert notification.text == "Bo answered your question."


def test_a_held_answer_counts_and_notifies_only_once_approved(
    community, trusted, make_member, django_capture_on_commit_callbacks
):
    from alongside.communities.models import StaffRole

    asker = trusted()
    question = question_create(author=asker, community=community, title="Heat?")
    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_post(author=make_member(), question=question, body="Try a fan.").item
    question.refresh_from_db()
    assert (question.answer_count, Notification.objects.count()) == (0, 0)
    moderator = make_member(staff_role=StaffRole.MODERATOR)
    with django_capture_on_commit_callbacks(execute=True):
        moderation_act(moderator=moderator, community=community, target=answer, action="approve")
    question.refresh_from_db()
    assert question.answer_count == 1
    assert Notification.objects.filter(recipient=asker, kind=Kind.ANSWER).count() == 1


def test_helpful_is_one_per_member_counted_on_write_and_toggles(community, trusted):
    question = question_create(author=trusted(), community=community, title="Heat?")
    answer = answer_create(author=trusted(), question=question, body="Fans.")
    voter = trusted()
    assert helpful_toggle(user=voter, answer=answer) is True
    assert helpful_toggle(user=trusted(), answer=answer) is True
    assert Answer.objects.get().helpful_count == 2
    assert helpful_toggle(user=voter, answer=answer) is False
    assert Answer.objects.get().helpful_count == 1


def test_no_one_marks_their_own_answer_helpful(community, trusted):
    author = trusted()
    question = question_create(author=trusted(), community=community, title="Heat?")
    answer = answer_create(author=author, question=question, body="Fans.")
    with pytest.raises(ValidationError):
        helpful_toggle(user=author, answer=answer)


def test_only_the_asker_chooses_the_best_answer(community, trusted):
    asker = trusted()
    question = question_create(author=asker, community=community, title="Heat?")
    answer = answer_create(author=trusted(), question=question, body="Fans.")
    with pytest.raises(ValidationError):
        best_answer_set(by=trusted(), question=question, answer=answer)
    best_answer_set(by=asker, question=question, answer=answer)
    assert Question.objects.get().best_answer == answer


def test_similar_questions_rank_shared_words_and_skip_unpublished(community, trusted):
    question_create(author=trusted(), community=community, title="Do you start at 4.5 for MS?")
    question_create(author=trusted(), community=community, title="What are the side effects?")
    question_create(
        author=trusted(),
        community=community,
        title="Side effects of naltrexone at night",
        visibility=Visibility.PENDING,
    )
    titles = [q.title for q in similar_questions(community=community, title="LDN side effects")]
    assert titles == ["What are the side effects?"]
    assert similar_questions(community=community, title="the and of") == []


def test_the_list_is_public_newest_first_with_keyset_pages(community, trusted, other_community):
    author = trusted()
    for n in range(25):
        question_create(author=author, community=community, title=f"Question {n}")
    question_create(author=trusted(other_community), community=other_community, title="RA only")
    first = question_list_for(community=community)
    assert [q.title for q in first.items[:2]] == ["Question 24", "Question 23"]
    second = question_list_for(community=community, before=first.next_cursor)
    assert [q.title for q in second.items] == [f"Question {n}" for n in range(4, -1, -1)]
    assert second.next_cursor is None
