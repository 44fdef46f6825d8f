from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from alongside.communities.models import Community
from alongside.core.addresses import absolute, base_url_for
from alongside.core.email_copy import email_compose
from alongside.core.mail import email_queue_message
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


def _subscriber(subscriber_id: int) -> Subscriber | None:
    return Subscriber.objects.select_related("community__site").filter(pk=subscriber_id).first()


@task()
def confirmation_send(subscriber_id: int, base_url: str, dedupe_key: str) -> None:
    """The double opt-in link; a rerun, or a sign-up again within the key's window, sends once."""
    subscriber = _subscriber(subscriber_id)
    if subscriber is None or subscriber.is_active:
        return
    base_url = base_url or base_url_for(subscriber.community)
    token = services.confirm_token(subscriber=subscriber)
    link = absolute(base_url, reverse("newsletter:confirm", args=[token]))
    subject = _("Confirm your subscription to %(community)s") % {
        "community": subscriber.community.name
    }
    message = _message(subscriber, subject, "confirm", {"link": link}, base_url)
    email_queue_message(message=message, dedupe_key=dedupe_key)


@task()
def already_subscribed_send(subscriber_id: int, base_url: str, dedupe_key: str) -> None:
    """Someone signed up with an address that is subscribed already: tell its owner (the page
    says the same to everyone, so nobody learns who reads a condition's newsletter)."""
    subscriber = _subscriber(subscriber_id)
    if subscriber is None or not subscriber.is_active:
        return
    subject = _("You already get the %(community)s digest") % {
        "community": subscriber.community.name
    }
    message = _message(subscriber, subject, "already", {}, base_url)
    email_queue_message(message=message, dedupe_key=dedupe_key)


@task()
def digest_send(community_id: int, digest_key: str) -> int:
    """Queue one digest for every active subscriber who has not had it yet; the number queued.

    Each subscriber's claim and email commit together, so a run killed halfway leaves nobody
    claimed without an email, and the rerun (the worker runs it again) queues the rest."""
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


@transaction.atomic
def _deliver(subscriber: Subscriber, digest_key: str, content: dict) -> int:
    if not services.delivery_claim(subscriber=subscriber, digest_key=digest_key):
        return 0
    subject = _("This week on %(community)s") % {"community": subscriber.community.name}
    topic_ids = {topic.pk for topic in subscriber.topics.all()}
    digest = selectors.digest_for(content=content, topic_ids=topic_ids)
    message = _message(subscriber, subject, "digest", digest)
    email_queue_message(
        message=message, dedupe_key=f"newsletter-digest:{digest_key}:{subscriber.pk}"
    )
    return 1


@task()
def digests_enqueue() -> None:
    """The weekly run (cron: manage.py newsletter_digest): one digest task per community."""
    for community in Community.objects.all():
        digest_send.enqueue(community.pk, selectors.digest_key_for(community=community))
