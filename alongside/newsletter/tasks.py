from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from alongside.communities.models import Community
from alongside.core.addresses import absolute, base_url_for
from alongside.core.email_copy import email_compose
from alongside.newsletter import selectors, services
from alongside.newsletter.models import Subscriber


def _message(subscriber: Subscriber, subject: str, template: str, context: dict, base_url=""):
    """`base_url`: the address the subscriber signed up at (captured when queued); the
    community's own address for the weekly digest."""
    base_url = base_url or base_url_for(subscriber.community)
    unsubscribe = absolute(base_url, reverse("newsletter:unsubscribe", args=[subscriber.token]))
    preferences = absolute(base_url, reverse("newsletter:preferences", args=[subscriber.token]))
    context = {
        **context,
        "subscriber": subscriber,
        "unsubscribe_url": unsubscribe,
        "preferences_url": preferences,
    }
    return email_compose(
        subject=subject,
        to=[subscriber.email],
        template=f"newsletter/email/{template}",
        context=context,
        community=subscriber.community,
        base_url=base_url,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _subscriber_once(scope: str, subscriber_id: int, *, seconds: int) -> Subscriber | None:
    """The subscriber to write to, unless this email went to them in the last `seconds` (a
    task run twice, or a sign-up form sent again and again, sends it once)."""
    if not cache.add(f"{scope}:{subscriber_id}", 1, seconds):
        return None
    return Subscriber.objects.select_related("community__site").filter(pk=subscriber_id).first()


@task()
def confirmation_send(subscriber_id: int, base_url: str = "") -> None:
    """The double opt-in link; a repeat run within a minute sends nothing."""
    subscriber = _subscriber_once("newsletter-confirm", subscriber_id, seconds=60)
    if subscriber is None or subscriber.is_active:
        return
    base_url = base_url or base_url_for(subscriber.community)
    token = services.confirm_token(subscriber=subscriber)
    link = absolute(base_url, reverse("newsletter:confirm", args=[token]))
    subject = _("Confirm your subscription to %(community)s") % {
        "community": subscriber.community.name
    }
    _message(subscriber, subject, "confirm", {"link": link}, base_url).send()


@task()
def already_subscribed_send(subscriber_id: int, base_url: str = "") -> None:
    """Someone signed up with an address that is subscribed already: tell its owner (the page
    says the same to everyone, so nobody learns who reads a condition's newsletter)."""
    subscriber = _subscriber_once("newsletter-already", subscriber_id, seconds=3600)
    if subscriber is None or not subscriber.is_active:
        return
    subject = _("You already get the %(community)s digest") % {
        "community": subscriber.community.name
    }
    _message(subscriber, subject, "already", {}, base_url).send()


@task()
def digest_send(community_id: int, digest_key: str) -> int:
    """Send one digest to every active subscriber who has not had it yet. Returns emails sent."""
    community = Community.objects.select_related("site").get(pk=community_id)
    content = selectors.digest_content(community=community)
    if not content["articles"] and not content["questions"]:
        return 0
    sent = 0
    for subscriber in selectors.digest_recipients(community=community).select_related(
        "community__site"
    ):
        sent += _deliver(subscriber, digest_key, content)
    return sent


def _deliver(subscriber: Subscriber, digest_key: str, content: dict) -> int:
    if not services.delivery_claim(subscriber=subscriber, digest_key=digest_key):
        return 0
    subject = _("This week on %(community)s") % {"community": subscriber.community.name}
    topic_ids = {topic.pk for topic in subscriber.topics.all()}
    digest = selectors.digest_for(content=content, topic_ids=topic_ids)
    try:
        _message(subscriber, subject, "digest", digest).send()
    except Exception:
        services.delivery_release(subscriber=subscriber, digest_key=digest_key)
        raise
    return 1


@task()
def digests_enqueue() -> None:
    """The weekly run (cron: manage.py newsletter_digest): one digest task per community."""
    for community in Community.objects.all():
        digest_send.enqueue(community.pk, selectors.digest_key_for(community=community))
