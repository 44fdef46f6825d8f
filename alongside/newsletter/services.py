from collections.abc import Iterable
from enum import StrEnum

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.communities.models import Community
from alongside.core import ratelimits
from alongside.core.addresses import base_url_for
from alongside.core.links import signed_link_load
from alongside.core.mail import window_key
from alongside.core.models import Topic
from alongside.core.tasks import enqueue_on_commit
from alongside.newsletter.models import DigestDelivery, Subscriber

CONFIRM_SALT = "newsletter.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600


class SignupResult(StrEnum):
    SENT = "sent"  # a confirmation link is on its way
    ALREADY = "already"  # confirmed already: nothing to do


def signup_allowed(*, ip: str) -> bool:
    """Count one sign-up from this address; False after 10 in an hour."""
    return ratelimits.allow(scope="newsletter-ip", key=ip, limit=10, seconds=3600)


def subscriber_signup(
    *, community: Community, email: str, topics: Iterable[Topic] | None = None
) -> tuple[Subscriber, SignupResult]:
    """Start double opt-in; a repeated sign-up resends the link, or emails the owner of an
    address already subscribed (the page answers the same in every case).

    `topics` are kept only for an address not confirmed yet: a sign-up never changes the
    choices of someone already subscribed (anyone can type their address).
    """
    from alongside.newsletter.tasks import already_subscribed_send, confirmation_send

    email = email.strip().lower()
    subscriber, _created = Subscriber.objects.get_or_create(community=community, email=email)
    if subscriber.is_active:
        key = window_key("newsletter-already", subscriber.pk, seconds=3600)
        enqueue_on_commit(already_subscribed_send, subscriber.pk, base_url_for(community), key)
        return subscriber, SignupResult.ALREADY
    if subscriber.unsubscribed_at is not None:
        subscriber.unsubscribed_at = None
        subscriber.confirmed_at = None
        subscriber.save(update_fields=["unsubscribed_at", "confirmed_at", "updated_at"])
    if topics is not None:
        subscriber.topics.set(topics)
    key = window_key("newsletter-confirm", subscriber.pk, seconds=60)
    enqueue_on_commit(confirmation_send, subscriber.pk, base_url_for(community), key)
    return subscriber, SignupResult.SENT


def confirm_token(*, subscriber: Subscriber) -> str:
    return signing.dumps(str(subscriber.token), salt=CONFIRM_SALT)


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm the address a link was sent to; ValidationError when expired or altered."""
    value = signed_link_load(
        token=token,
        salt=CONFIRM_SALT,
        max_age=CONFIRM_MAX_AGE,
        expired_message=_(
            "This confirmation link has expired. Sign up again and we will send a new one."
        ),
    )
    subscriber = Subscriber.objects.filter(token=value).first()
    if subscriber is None:
        raise ValidationError(_("This confirmation link is not valid."), code="bad")
    if subscriber.confirmed_at is None or subscriber.unsubscribed_at is not None:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at", "updated_at"])
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at", "updated_at"])
    return subscriber


@transaction.atomic
def subscriber_preferences_update(
    *, subscriber: Subscriber, weekly_digest: bool, topics: Iterable[Topic]
) -> None:
    subscriber.weekly_digest = weekly_digest
    subscriber.save(update_fields=["weekly_digest", "updated_at"])
    subscriber.topics.set(topics)


def delivery_claim(*, subscriber: Subscriber, digest_key: str) -> bool:
    """Claim the right to send this digest to this subscriber; False if already claimed."""
    try:
        with transaction.atomic():
            DigestDelivery.objects.create(subscriber=subscriber, digest_key=digest_key)
    except IntegrityError:
        return False
    return True
