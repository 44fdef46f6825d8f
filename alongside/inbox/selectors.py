"""Reads of private messages: only the two members of a conversation ever see it."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import IntegerField, Q, Subquery, Sum
from django.http import Http404

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.communities.selectors import is_member
from alongside.core.cursors import cursor_filter, cursor_for
from alongside.core.models import Visibility
from alongside.core.prepared import Int, Prepared
from alongside.inbox.models import Conversation, Message, Participant
from alongside.notifications.models import Notification
from alongside.teams.selectors import block_sets, name_for, teammate_ids

INBOX_PAGE_SIZE = 30
MESSAGE_PAGE_SIZE = 30


@dataclass
class Page:
    items: list
    next_cursor: str | None


def _require_member(viewer, community) -> None:
    if not is_member(user=viewer, community=community):
        raise Http404


def inbox_for(*, viewer: User, community: Community, before: str | None = None) -> Page:
    """The viewer's conversations, latest activity first (keyset on last_message_at, id)."""
    _require_member(viewer, community)
    teammates = teammate_ids(user=viewer, community=community)
    i_blocked, blocked_me = block_sets(user=viewer, community=community)
    rows = list(
        Participant.objects.filter(user=viewer, community=community, last_message_at__isnull=False)
        .exclude(other_id__in=blocked_me)
        .filter(cursor_filter(before, field="last_message_at"))
        .select_related("other__profile")
        .order_by("-last_message_at", "-id")[: INBOX_PAGE_SIZE + 1]
    )
    items = rows[:INBOX_PAGE_SIZE]
    for side in items:
        side.other_name = name_for(
            viewer_id=viewer.pk, owner=side.other, community=community, teammates=teammates
        )
        side.is_blocked = side.other_id in i_blocked
    more = len(rows) > INBOX_PAGE_SIZE
    return Page(items, cursor_for(items[-1], "last_message_at") if more else None)


def unread_total(*, viewer: User | AnonymousUser, community: Community) -> int:
    if not viewer.is_authenticated:
        return 0
    total = Participant.objects.filter(user=viewer, community=community).aggregate(
        total=Sum("unread_count")
    )["total"]
    return total or 0


def conversation_get_for(*, viewer: User, pk: int, community: Community) -> Conversation:
    """A conversation the viewer is part of, in this community, else Http404.

    A member who was blocked no longer sees the blocker's conversation at all.
    """
    _require_member(viewer, community)
    conversation = (
        Conversation.objects.select_related("community")
        .filter(pk=pk, community=community)
        .filter(Q(user_low=viewer) | Q(user_high=viewer))
        .first()
    )
    if conversation is None:
        raise Http404
    i_blocked, blocked_me = block_sets(user=viewer, community=community)
    other = (
        conversation.user_high_id
        if conversation.user_low_id == viewer.pk
        else conversation.user_low_id
    )
    if other in blocked_me:
        raise Http404
    conversation.blocked = bool({other} & (i_blocked | blocked_me))
    return conversation


def conversation_view_for(
    *, viewer: User, conversation: Conversation, before: str | None = None
) -> dict:
    """One page of messages (newest page first, shown oldest to newest) and the other member."""
    community = conversation.community
    side = (
        Participant.objects.select_related("other__profile")
        .filter(conversation=conversation, user=viewer)
        .first()
    )
    if side is None:  # conversation_get_for gave a conversation the viewer is part of
        raise Http404
    teammates = teammate_ids(user=viewer, community=community)
    rows = list(
        Message.objects.filter(conversation=conversation)
        .filter(Q(visibility=Visibility.PUBLISHED) | Q(sender=viewer), cursor_filter(before))
        .order_by("-created_at", "-id")[: MESSAGE_PAGE_SIZE + 1]
    )
    items = rows[:MESSAGE_PAGE_SIZE]
    more = len(rows) > MESSAGE_PAGE_SIZE
    for message in items:
        message.is_mine = message.sender_id == viewer.pk
    return {
        "side": side,
        "other_name": name_for(
            viewer_id=viewer.pk, owner=side.other, community=community, teammates=teammates
        ),
        "thread": list(reversed(items)),
        "older_cursor": cursor_for(items[-1]) if more else None,
        "blocked": getattr(conversation, "blocked", False),
    }


class _CountOf(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


def _header_counts_query(*, user: int, community: int):
    notifications = Notification.objects.filter(
        recipient_id=user, community_id=community, read_at=None
    )
    conversations = Participant.objects.filter(
        user_id=user, community_id=community, unread_count__gt=0
    )
    return (
        Community.objects.filter(pk=community)
        .annotate(
            unread_notifications=_CountOf(notifications.values("pk")),
            unread_conversations=_CountOf(conversations.values("pk")),
        )
        .values_list("unread_notifications", "unread_conversations")
    )


_HEADER_COUNTS = Prepared(_header_counts_query, user=Int, community=Int)


def header_counts(*, user: User, community: Community) -> tuple[int, int]:
    """(unread notifications, conversations with unread messages) in one query, for the
    header of every page."""
    if not is_member(user=user, community=community):
        return 0, 0
    rows = _HEADER_COUNTS.rows(user=user.pk, community=community.pk)
    return rows[0] if rows else (0, 0)
