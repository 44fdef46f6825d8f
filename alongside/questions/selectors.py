"""Reads of questions. Titles and answer counts are public; details and answers are not."""

from dataclasses import dataclass
from datetime import datetime

from alongside.core.models import Visibility
from alongside.questions.models import Question


@dataclass(frozen=True)
class PublicQuestion:
    """What anyone may see of a question: no author, no details."""

    pk: int
    title: str
    created_at: datetime
    answer_count: int
    url: str


def questions_public_for_topics(*, community, topic_slugs, limit: int = 5) -> list[PublicQuestion]:
    """Published questions sharing any of the topics, newest first. One query."""
    rows = (
        Question.objects.filter(
            community=community,
            visibility=Visibility.PUBLISHED,
            topics__slug__in=list(topic_slugs),
        )
        .distinct()
        .order_by("-created_at", "-id")
        .only("pk", "title", "created_at", "answer_count")[:limit]
    )
    return [
        PublicQuestion(q.pk, q.title, q.created_at, q.answer_count, q.get_absolute_url())
        for q in rows
    ]
