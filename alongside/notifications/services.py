"""Every write to notifications and email preferences."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.core.addresses import base_url_for
from alongside.core.tasks import enqueue_on_commit
from alongside.notifications.models import Frequency, Kind, Notification, NotificationPreference


def notification_create(
    *,
    recipient: User,
    community: Community,
    kind: str,
    text: str,
    dedupe_key: str,
    actor: User | None = None,
    url: str = "",
) -> Notification | None:
    """Record a notification once per dedupe_key; never notifies members of their own acts.

    `text` goes out by email as it is: never quote content the recipient may not see.
    """
    if actor is not None and actor.pk == recipient.pk:
        return None
    notification, created = Notification.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "recipient": recipient,
            "community": community,
            "kind": kind,
            "text": str(text)[:300],
            "url": url,
            "actor": actor,
        },
    )
    if created:
        from alongside.notifications import tasks

        enqueue_on_commit(tasks.notification_email_send, notification.pk, base_url_for(community))
    return notification


def notifications_mark_read(
    *, recipient: User, community: Community, pks: Iterable[int] | None = None
) -> int:
    """Mark the member's notifications here as read: these, or all of them."""
    rows = Notification.objects.filter(recipient=recipient, community=community, read_at=None)
    if pks is not None:
        rows = rows.filter(pk__in=list(pks))
    return rows.update(read_at=timezone.now())


def preference_set(*, user: User, kind: str, frequency: str) -> NotificationPreference:
    kind, frequency = Kind(kind), Frequency(frequency)
    try:
        with transaction.atomic():
            preference, _ = NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"frequency": frequency}
            )
    except IntegrityError:
        preference = NotificationPreference.objects.get(user=user, kind=kind)
    return preference


def emailed_claim(*, pks: Iterable[int]) -> list[int]:
    """Claim notifications for email; those another worker already claimed are skipped.

    Claiming before sending means a retried task never emails twice.
    """
    claimed = []
    for pk in pks:
        if Notification.objects.filter(pk=pk, emailed_at=None).update(emailed_at=timezone.now()):
            claimed.append(pk)
    return claimed


def preferences_never(*, user_pk: int, kinds: Iterable[str]) -> None:
    """Stop emails of these kinds for a member (from a signed unsubscribe link)."""
    from alongside.accounts.models import User

    user = User.objects.filter(pk=user_pk).first()
    if user is None:
        return
    for kind in kinds:
        preference_set(user=user, kind=kind, frequency=Frequency.NEVER)
