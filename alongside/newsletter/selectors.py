import datetime

from django.http import Http404
from django.utils import timezone

from alongside.articles.models import ArticlePage
from alongside.core.models import Visibility
from alongside.newsletter.models import Subscriber
from alongside.questions.models import Question


def subscriber_by_token(*, token, community) -> Subscriber:
    subscriber = Subscriber.objects.filter(token=token, community=community).first()
    if subscriber is None:
        raise Http404
    return subscriber


def digest_key_for(*, community, today: datetime.date | None = None) -> str:
    year, week, _day = (today or timezone.localdate()).isocalendar()
    return f"{community.slug}-{year}-W{week:02d}"


def digest_content(*, community, now=None) -> dict:
    """New articles of the last week and the questions members answered most this month."""
    now = now or timezone.now()
    root = community.site.root_page
    articles = (
        ArticlePage.objects.live()
        .filter(path__startswith=root.path, first_published_at__gte=now - datetime.timedelta(7))
        .order_by("-first_published_at")[:6]
    )
    questions = Question.objects.filter(
        community=community,
        visibility=Visibility.PUBLISHED,
        created_at__gte=now - datetime.timedelta(30),
    ).order_by("-answer_count", "-created_at")[:5]
    return {"articles": list(articles), "questions": list(questions)}


def digest_recipients(*, community):
    return Subscriber.objects.filter(
        community=community,
        confirmed_at__isnull=False,
        unsubscribed_at__isnull=True,
        weekly_digest=True,
    ).order_by("pk")
