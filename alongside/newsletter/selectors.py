import datetime
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from alongside.accounts.models import User
from alongside.articles.models import ArticlePage
from alongside.communities.models import Community
from alongside.core.models import Topic, Visibility
from alongside.newsletter.models import Subscriber
from alongside.questions.models import Question


def subscriber_by_token(*, token: UUID | str, community: Community) -> Subscriber:
    subscriber = Subscriber.objects.filter(token=token, community=community).first()
    if subscriber is None:
        raise Http404
    return subscriber


def subscriber_for_member(*, user: User, community: Community) -> Subscriber:
    """The signed-in member's own subscription here (by their account's address), else 404."""
    subscriber = Subscriber.objects.filter(
        community=community, email__iexact=user.email, unsubscribed_at=None
    ).first()
    if subscriber is None:
        raise Http404
    return subscriber


def topics_by_slug(*, slugs: list[str]) -> list[Topic]:
    """Library topics a reader may choose (those of the preferences page), by slug."""
    return list(Topic.objects.filter(slug__in=slugs, articles__isnull=False).distinct())


def digest_key_for(*, community: Community, today: datetime.date | None = None) -> str:
    year, week, _day = (today or timezone.localdate()).isocalendar()
    return f"{community.slug}-{year}-W{week:02d}"


ARTICLES_SHOWN, QUESTIONS_SHOWN = 6, 5
# Popular questions looked at for a subscriber's topics before the general top five.
_QUESTION_POOL = 30


def digest_content(*, community: Community, now: datetime.datetime | None = None) -> dict:
    """New articles of the last week and the questions members answered most this month,
    each with its topics, so every subscriber's digest is put together without more queries."""
    now = now or timezone.now()
    root = community.site.root_page
    articles = (
        ArticlePage.objects.live()
        .filter(path__startswith=root.path, first_published_at__gte=now - datetime.timedelta(7))
        .prefetch_related("topics")
        .order_by("-first_published_at")[:ARTICLES_SHOWN]
    )
    questions = (
        Question.objects.filter(
            community=community,
            visibility=Visibility.PUBLISHED,
            created_at__gte=now - datetime.timedelta(30),
        )
        .prefetch_related("topics")
        .order_by("-answer_count", "-created_at")[:_QUESTION_POOL]
    )
    return {"articles": list(articles), "questions": list(questions)}


def digest_for(*, content: dict, topic_ids: set[int]) -> dict:
    """One subscriber's digest: what is on their topics first, then the general digest.

    Subscribers without topics, or with none matching this week, get the general digest.
    """
    articles, questions = content["articles"], content["questions"]
    on_topic = [a for a in articles if _touches(a, topic_ids)]
    questions_on_topic = [q for q in questions if _touches(q, topic_ids)][:QUESTIONS_SHOWN]
    general = [q for q in questions[:QUESTIONS_SHOWN] if q not in questions_on_topic]
    return {
        "topic_articles": on_topic,
        "topic_questions": questions_on_topic,
        "articles": [a for a in articles if a not in on_topic],
        "questions": general[: QUESTIONS_SHOWN - len(questions_on_topic)],
    }


def _touches(item, topic_ids: set[int]) -> bool:
    return any(topic.pk in topic_ids for topic in item.topics.all())


def digest_recipients(*, community: Community) -> QuerySet[Subscriber]:
    """Active subscribers who want the digest, with the topics they chose."""
    return (
        Subscriber.objects.prefetch_related("topics")
        .filter(
            community=community,
            confirmed_at__isnull=False,
            unsubscribed_at__isnull=True,
            weekly_digest=True,
        )
        .order_by("pk")
    )
