"""Reads of questions. Titles and answer counts are public; details and answers are not.

Members see published questions and answers plus their own held ones, never anything by a
member they blocked or who blocked them.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.core.cursors import cursor_filter, cursor_for
from alongside.core.models import Topic, Visibility
from alongside.core.prepared import Ids, Int, Prepared
from alongside.questions.models import Answer, HelpfulVote, Question
from alongside.teams.selectors import Viewing, blocked_ids

PAGE_SIZE = 20
ANSWER_PAGE_SIZE = 20
COMMENT_LIMIT = 200
_WORD = re.compile(r"[\w']+")
_COMMON = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "have",
        "how",
        "i",
        "in",
        "is",
        "it",
        "my",
        "of",
        "on",
        "or",
        "should",
        "the",
        "to",
        "was",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
        "after",
        "about",
        "any",
    }
)


@dataclass(frozen=True)
class PublicQuestion:
    """What anyone may see of a question: no author, no details."""

    pk: int
    title: str
    created_at: datetime
    answer_count: int
    url: str


def _public(question: Question) -> PublicQuestion:
    return PublicQuestion(
        question.pk,
        question.title,
        question.created_at,
        question.answer_count,
        question.get_absolute_url(),
    )


def _published(community):
    return Question.objects.filter(community=community, visibility=Visibility.PUBLISHED).only(
        "pk", "title", "created_at", "answer_count"
    )


def _as_filter(values):
    """A queryset stays a subquery (no extra round trip); any other iterable becomes a list."""
    return values if isinstance(values, QuerySet) else list(values)


def questions_public_for_topics(
    *, community: Community, topic_slugs: Iterable[str], limit: int = 5
) -> list[PublicQuestion]:
    """Published questions sharing any of the topics, newest first. One query."""
    if isinstance(topic_slugs, QuerySet):
        rows = list(_for_topics_query(community=community.pk, slugs=topic_slugs, limit=limit))
    else:  # a treatment's few topics: part of the shape of a prepared query
        rows = _FOR_TOPICS.rows(community=community.pk, slugs=tuple(topic_slugs), limit=limit)
    return [_public(question) for question in rows]


def _for_topics_query(*, community: int, slugs, limit: int):
    return (
        Question.objects.filter(community_id=community, visibility=Visibility.PUBLISHED)
        .only("pk", "title", "created_at", "answer_count")
        .filter(topics__slug__in=_as_filter(slugs))
        .distinct()
        .order_by("-created_at", "-id")[:limit]
    )


_FOR_TOPICS = Prepared(_for_topics_query, community=Int)


@dataclass
class QuestionList:
    items: list
    next_cursor: str | None
    topic: Topic | None = None


def question_list_for(
    *, community: Community, before: str | None = None, topic: str = ""
) -> QuestionList:
    """Published questions, newest first, one keyset page. Public."""
    chosen = Topic.objects.filter(slug=topic).first() if topic else None
    if before or chosen is not None:
        rows = _published(community).filter(cursor_filter(before, older=True))
        if chosen is not None:
            rows = rows.filter(topics=chosen)
        rows = list(rows.order_by("-created_at", "-id")[: PAGE_SIZE + 1])
    else:  # the first page of all questions, which nearly every visit reads
        rows = _NEWEST.rows(community=community.pk)
    more = len(rows) > PAGE_SIZE
    items = [_public(question) for question in rows[:PAGE_SIZE]]
    return QuestionList(items, cursor_for(rows[PAGE_SIZE - 1]) if more else None, chosen)


_NEWEST = Prepared(
    lambda *, community: (
        Question.objects.filter(community_id=community, visibility=Visibility.PUBLISHED)
        .only("pk", "title", "created_at", "answer_count")
        .order_by("-created_at", "-id")[: PAGE_SIZE + 1]
    ),
    community=Int,
)
HELD_SHOWN = 20


def questions_held_for(
    *, viewer: User | AnonymousUser, community: Community
) -> list[PublicQuestion]:
    """The viewer's own questions waiting for a moderator, newest first (a member always
    sees what they posted). One query; none for visitors."""
    if not viewer.is_authenticated:
        return []
    rows = _HELD.rows(community=community.pk, viewer=viewer.pk)
    return [_public(question) for question in rows]


_HELD = Prepared(
    lambda *, community, viewer: (
        Question.objects.filter(
            community_id=community, author_id=viewer, visibility=Visibility.PENDING
        )
        .only("pk", "title", "created_at", "answer_count")
        .order_by("-created_at", "-id")[:HELD_SHOWN]
    ),
    community=Int,
    viewer=Int,
)


def _keywords(title: str) -> list[str]:
    words = [word.lower().strip("'") for word in _WORD.findall(title or "")]
    return [word for word in dict.fromkeys(words) if len(word) > 2 and word not in _COMMON][:8]


def similar_questions(*, community: Community, title: str, limit: int = 5) -> list[PublicQuestion]:
    """Published questions whose titles share the most words with `title`. One query."""
    words = _keywords(title)
    if not words:
        return []
    any_word = Q()
    for word in words:
        any_word |= Q(title__icontains=word)
    candidates = _published(community).filter(any_word).order_by("-answer_count", "-id")[:50]
    scored = [(_overlap(words, question.title), question) for question in candidates]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].answer_count))
    return [_public(question) for score, question in scored[:limit] if score]


def _overlap(words: list[str], title: str) -> int:
    lowered = title.lower()
    return sum(1 for word in words if word in lowered)


def question_public_get(*, pk: int, community: Community) -> Question:
    """A published question's public face (title, date, answer count), else Http404."""
    question = _published(community).filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


class Seeing(Viewing):
    """Who is looking, and which questions, answers and comments that lets them see."""

    def visible(self) -> Q:
        shown = Q(visibility=Visibility.PUBLISHED) | Q(author_id=self.viewer.pk)
        return shown & ~Q(author_id__in=self.blocked)


def _visible_to(viewer: int, blocked: list) -> Q:
    """Seeing.visible() for a prepared query (the viewer's id and blocks as its values)."""
    return (Q(visibility=Visibility.PUBLISHED) | Q(author_id=viewer)) & ~Q(author_id__in=blocked)


_QUESTION = Prepared(
    lambda *, viewer, blocked, pk, community: (
        Question.objects.filter(_visible_to(viewer, blocked), pk=pk, community_id=community)
        .select_related("author__profile", "best_answer__author__profile")
        .prefetch_related("topics")
        .order_by("pk")[:1]
    ),
    viewer=Int,
    blocked=Ids,
    pk=Int,
    community=Int,
)


def question_get_for(
    *, viewer: User, pk: int, community: Community, seeing: Seeing | None = None
) -> Question:
    """A question this member may read in full, else Http404."""
    seeing = seeing or Seeing.of(viewer=viewer, community=community)
    found = _QUESTION.first(
        viewer=viewer.pk, blocked=sorted(seeing.blocked), pk=pk, community=community.pk
    )
    if found is None:
        raise Http404
    return found


def answer_get_for(*, viewer: User, pk: int, community: Community) -> Answer:
    """An answer this member may see, on a question they may see, else Http404."""
    seeing = Seeing.of(viewer=viewer, community=community)
    answer = (
        Answer.objects.filter(seeing.visible(), pk=pk, community=community)
        .select_related("question")
        .first()
    )
    if answer is None:
        raise Http404
    question_get_for(viewer=viewer, pk=answer.question_id, community=community, seeing=seeing)
    return answer


@dataclass
class QuestionPage:
    question: Question
    asker_name: str
    is_asker: bool
    best: Answer | None
    answers: list
    next_cursor: str | None
    comments: dict = field(default_factory=dict)


def question_page_for(
    *, viewer: User, pk: int, community: Community, after: str | None = None
) -> QuestionPage:
    """The question in full with one keyset page of answers (oldest first), their comments
    and the viewer's helpful marks. Bounded: about eight queries whatever the size."""
    seeing = Seeing.of(viewer=viewer, community=community)
    question = question_get_for(viewer=viewer, pk=pk, community=community, seeing=seeing)
    if after:
        rows = list(
            Answer.objects.filter(seeing.visible(), question=question)
            .filter(cursor_filter(after, older=False))
            .select_related("author__profile")
            .order_by("created_at", "id")[: ANSWER_PAGE_SIZE + 1]
        )
    else:  # the first page, which nearly every visit reads
        rows = _FIRST_ANSWERS.rows(
            viewer=viewer.pk, blocked=sorted(seeing.blocked), question=question.pk
        )
    more = len(rows) > ANSWER_PAGE_SIZE
    answers = rows[:ANSWER_PAGE_SIZE]
    best = _best_visible(question, seeing)
    if best is not None:  # the same answer, read with the page's, when the page holds it
        best = next((answer for answer in answers if answer.pk == best.pk), best)
    shown = answers + ([best] if best is not None and best not in answers else [])
    _decorate(seeing, question, shown)
    return QuestionPage(
        question=question,
        asker_name=seeing.name(question.author),
        is_asker=question.author_id == viewer.pk,
        best=best,
        answers=[answer for answer in answers if best is None or answer.pk != best.pk],
        next_cursor=cursor_for(answers[-1]) if more else None,
        comments=_comments(seeing, shown),
    )


_FIRST_ANSWERS = Prepared(
    lambda *, viewer, blocked, question: (
        Answer.objects.filter(_visible_to(viewer, blocked), question_id=question)
        .select_related("author__profile")
        # Whether the viewer marked each helpful, in the same query.
        .annotate(
            viewer_marked=Exists(
                HelpfulVote.objects.filter(user_id=viewer, answer_id=OuterRef("pk"))
            )
        )
        .order_by("created_at", "id")[: ANSWER_PAGE_SIZE + 1]
    ),
    viewer=Int,
    blocked=Ids,
    question=Int,
)
_MARKED = Prepared(
    lambda *, viewer, answers: HelpfulVote.objects.filter(
        user_id=viewer, answer_id__in=answers
    ).values_list("answer_id", flat=True),
    viewer=Int,
    answers=Ids,
)


def _best_visible(question: Question, seeing: Seeing) -> Answer | None:
    best = question.best_answer
    if best is None or best.visibility != Visibility.PUBLISHED or best.author_id in seeing.blocked:
        return None
    return best


def _decorate(seeing: Seeing, question: Question, answers: list) -> None:
    """Names as this viewer may see them and the viewer's helpful marks (asked for the answers
    not read with them)."""
    unknown = [answer.pk for answer in answers if not hasattr(answer, "viewer_marked")]
    marked = set(_MARKED.rows(viewer=seeing.viewer.pk, answers=unknown)) if unknown else set()
    for answer in answers:
        answer.author_name = seeing.name(answer.author)
        answer.author_public_id = answer.author.public_id if answer.author else None
        answer.is_own = answer.author_id == seeing.viewer.pk
        answer.marked_helpful = getattr(answer, "viewer_marked", answer.pk in marked)
        answer.is_best = question.best_answer_id == answer.pk


def _answer_comments_query(*, viewer: int, blocked: list, answers: list):
    from alongside.conversations.models import Comment

    return (
        Comment.objects.filter(_visible_to(viewer, blocked), answer_id__in=answers)
        .select_related("author__profile")
        .order_by("created_at", "id")[:COMMENT_LIMIT]
    )


_ANSWER_COMMENTS = Prepared(_answer_comments_query, viewer=Int, blocked=Ids, answers=Ids)


def _comments(seeing: Seeing, answers: list) -> dict:
    """Comments on these answers (from the conversations app), grouped by answer."""
    rows = _ANSWER_COMMENTS.rows(
        viewer=seeing.viewer.pk,
        blocked=sorted(seeing.blocked),
        answers=[answer.pk for answer in answers],
    )
    grouped: dict = {}
    for comment in rows:
        comment.author_name = seeing.name(comment.author)
        grouped.setdefault(comment.answer_id, []).append(comment)
    for answer in answers:
        answer.comment_list = grouped.get(answer.pk, [])
    return grouped


# The newest unanswered questions a member's home chooses from (bounded whatever the size).
WAITING_WINDOW = 200


def questions_waiting_for(
    *,
    viewer: User,
    community: Community,
    topics_of: Callable[..., QuerySet[Any, dict[str, Any]]],
    limit: int = 3,
) -> list[PublicQuestion]:
    """Unanswered questions someone else asked, those on the viewer's topics first, then the
    newest. `topics_of(user=, community=)` gives the viewer's topic ids as a subquery. One
    query over the newest WAITING_WINDOW."""
    rows = _WAITING.rows(
        community=community.pk,
        viewer=viewer.pk,
        blocked=sorted(blocked_ids(user=viewer, community=community)),
        topics_of=topics_of,
        limit=limit,
    )
    return [_public(question) for question in rows]


def _waiting_query(*, community: int, viewer: int, blocked: list, topics_of, limit: int):
    published = Question.objects.filter(
        community_id=community, visibility=Visibility.PUBLISHED
    ).only("pk", "title", "created_at", "answer_count")
    window = (
        published.filter(answer_count=0)
        .exclude(author_id=viewer)
        .exclude(author_id__in=blocked)
        .order_by("-created_at", "-id")
        .values("pk")[:WAITING_WINDOW]
    )
    on_topic = Question.topics.through.objects.filter(
        question_id=OuterRef("pk"), topic_id__in=topics_of(user=viewer, community=community)
    )
    return (
        published.filter(pk__in=window)
        .annotate(on_topic=Exists(on_topic))
        .order_by("-on_topic", "-created_at", "-id")[:limit]
    )


_WAITING = Prepared(_waiting_query, community=Int, viewer=Int, blocked=Ids)
