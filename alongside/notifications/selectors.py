"""Reads of a member's notifications and email preferences."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.http import Http404

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.communities.selectors import is_member
from alongside.core.cursors import cursor_filter, cursor_for
from alongside.core.prepared import Int, Moment, Prepared
from alongside.notifications.models import (
    ALWAYS_INSTANT,
    DEFAULT_FREQUENCY,
    Frequency,
    Kind,
    Notification,
    NotificationPreference,
)

PAGE_SIZE = 30


@dataclass
class NotificationPage:
    items: list[Notification]
    next_cursor: str | None


def notifications_for(
    *, viewer: User, community: Community, before: str | None = None
) -> NotificationPage:
    """The member's notifications here, newest first, one keyset page (core.cursors)."""
    if not is_member(user=viewer, community=community):
        raise Http404
    mine = Notification.objects.filter(recipient=viewer, community=community)
    rows = list(mine.filter(cursor_filter(before)).order_by("-created_at", "-id")[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    return NotificationPage(rows[:PAGE_SIZE], cursor_for(rows[PAGE_SIZE - 1]) if more else None)


def unread_count(*, user: User, community: Community) -> int:
    if not is_member(user=user, community=community):
        return 0
    return Notification.objects.filter(recipient=user, community=community, read_at=None).count()


def notification_get_for(*, viewer: User, pk: int, community: Community) -> Notification:
    found = Notification.objects.filter(pk=pk, recipient=viewer, community=community).first()
    if found is None:
        raise Http404
    return found


def frequencies_for(*, user: User) -> dict[str, str]:
    """Every kind with the member's chosen email frequency, or the default."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind: chosen.get(kind, DEFAULT_FREQUENCY[Kind(kind)]) for kind in Kind.values}


def frequency_for(*, user: User, kind: str) -> str:
    if kind in ALWAYS_INSTANT:
        return Frequency.INSTANT
    chosen = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return chosen.frequency if chosen else DEFAULT_FREQUENCY[Kind(kind)]


def new_counts_for(*, viewer: User, community: Community, since: datetime) -> dict[str, int]:
    """How many notifications of each kind reached the member here since `since` and are
    still unread. One grouped query on the (recipient, community, created_at) index."""
    return dict(_NEW_COUNTS.rows(viewer=viewer.pk, community=community.pk, since=since))


_NEW_COUNTS = Prepared(
    lambda *, viewer, community, since: (
        Notification.objects.filter(
            recipient_id=viewer, community_id=community, created_at__gt=since, read_at=None
        )
        .values_list("kind")
        .annotate(count=Count("pk"))
        .order_by()
    ),
    viewer=Int,
    community=Int,
    since=Moment,
)
