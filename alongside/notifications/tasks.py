"""Notification emails: instantly or in a daily digest, per the member's preference.

A notification is claimed (emailed_at set) in the same transaction that queues its email in
the outbox (alongside/core/mail.py), under a key made of the notifications it carries: a task
that runs twice, or is killed halfway, queues each email once and loses none.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from alongside.core.mail import email_queue_message
from alongside.notifications.emails import notification_email
from alongside.notifications.models import (
    DEFAULT_FREQUENCY,
    Frequency,
    Notification,
    NotificationPreference,
)
from alongside.notifications.selectors import frequency_for
from alongside.notifications.services import emailed_claim

DIGEST_BATCH = 5000


@task()
def notification_email_send(notification_pk: int, base_url: str = "") -> None:
    notification = (
        Notification.objects.select_related("recipient", "community__site")
        .filter(pk=notification_pk, emailed_at=None, read_at=None)
        .first()
    )
    if notification is None or not _reachable(notification.recipient):
        return
    if frequency_for(user=notification.recipient, kind=notification.kind) != Frequency.INSTANT:
        return
    subject = _("%(community)s: %(text)s") % {
        "community": notification.community.name,
        "text": _headline(notification.text),
    }
    _claim_and_queue([notification], subject, base_url)


@transaction.atomic
def _claim_and_queue(notifications: list, subject: str, base_url: str = "") -> bool:
    """Claim these notifications and queue one email with those claimed, together; False when
    another run had claimed them all."""
    claimed = set(emailed_claim(pks=[notification.pk for notification in notifications]))
    mine = [notification for notification in notifications if notification.pk in claimed]
    if not mine:
        return False
    message = notification_email(
        recipient=mine[0].recipient,
        community=mine[0].community,
        notifications=mine,
        base_url=base_url,
        subject=subject,
    )
    key = "notification:" + ",".join(str(pk) for pk in sorted(claimed))
    email_queue_message(message=message, dedupe_key=key)
    return True


def _headline(text: str, limit: int = 80) -> str:
    """The notification as a subject line: cut at a word, never mid-word, when long."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def _reachable(user) -> bool:
    return bool(user.is_active and user.email)


@task()
def notification_digest_send() -> int:
    """One email per member and community with the unread notifications they want daily."""
    since = timezone.now() - timedelta(days=2)
    rows = list(
        Notification.objects.filter(emailed_at=None, read_at=None, created_at__gte=since)
        .select_related("recipient", "community__site")
        .order_by("recipient_id", "community_id", "id")[:DIGEST_BATCH]
    )
    daily = _daily_only(rows)
    groups: dict = {}
    for notification in daily:
        groups.setdefault((notification.recipient_id, notification.community_id), []).append(
            notification
        )
    return sum(_digest_one(group) for group in groups.values())


def _daily_only(rows: list) -> list:
    recipients = {row.recipient_id for row in rows}
    chosen = {
        (user_id, kind): frequency
        for user_id, kind, frequency in NotificationPreference.objects.filter(
            user_id__in=recipients
        ).values_list("user_id", "kind", "frequency")
    }
    return [
        row
        for row in rows
        if chosen.get((row.recipient_id, row.kind), DEFAULT_FREQUENCY[row.kind]) == Frequency.DAILY
    ]


def _digest_one(group: list) -> int:
    first = group[0]
    if not _reachable(first.recipient):
        return 0
    subject = _("%(community)s: your daily summary") % {"community": first.community.name}
    return int(_claim_and_queue(group, subject))
