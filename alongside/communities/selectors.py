from __future__ import annotations

import copy
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import QuerySet

from alongside.communities.models import Community, Membership, StaffRole
from alongside.core.memo import LocalMemo
from alongside.core.prepared import Int, Prepared

if TYPE_CHECKING:
    from alongside.accounts.models import User

_HOST_KEY = "community:host:{}"
_hosts = LocalMemo()


def community_for_host(hostname: str) -> Community | None:
    """The community served at a host name, else the default site's community.

    Cached, and kept for a moment in the worker's memory; each request gets its own copy, so
    nothing a request sets on it leaks into the next.
    """
    key = _HOST_KEY.format(hostname)
    community = _hosts.get(key, lambda: _cached_lookup(key, hostname))
    return copy.copy(community) if community is not None else None


def _cached_lookup(key: str, hostname: str) -> Community | None:
    community = cache.get(key)
    if community is None:
        community = _lookup_host(hostname)
        if community is not None:
            cache.set(key, community, 300)
    return community


def _lookup_host(hostname: str) -> Community | None:
    communities = Community.objects.select_related("site")
    return (
        communities.filter(site__hostname=hostname).first()
        or communities.filter(site__is_default_site=True).first()
    )


def forget_host_cache(community: Community) -> None:
    key = _HOST_KEY.format(community.site.hostname)
    cache.delete(key)
    _hosts.forget()


def membership_for(
    *, user: User | AnonymousUser | None, community: Community | None
) -> Membership | None:
    """The viewer's membership here, memoised on the user object for the request."""
    if user is None or not user.is_authenticated or community is None:
        return None
    memo = user.__dict__.setdefault("_memberships", {})
    if community.pk not in memo:
        memo[community.pk] = _MEMBERSHIP.first(user=user.pk, community=community.pk)
    return memo[community.pk]


# Every signed-in page reads it: its SQL is built once per process (core/prepared.py).
_MEMBERSHIP = Prepared(
    lambda *, user, community: Membership.objects.filter(
        user_id=user, community_id=community
    ).order_by("pk")[:1],
    user=Int,
    community=Int,
)


def membership_with_user(*, user_id: int, community: Community) -> Membership | None:
    """The membership of the user with this id here, their account loaded with it (one query
    for both)."""
    return _MEMBERSHIP_WITH_USER.first(user=user_id, community=community.pk)


def membership_memo_set(
    *, user: User | AnonymousUser, community: Community, membership: Membership | None
) -> None:
    """What membership_for will answer for `user` (request.user: the object every page asks
    with) here during this request, read already."""
    user.__dict__.setdefault("_memberships", {})[community.pk] = membership


_MEMBERSHIP_WITH_USER = Prepared(
    lambda *, user, community: (
        Membership.objects.select_related("user")
        .filter(user_id=user, community_id=community)
        .order_by("pk")[:1]
    ),
    user=Int,
    community=Int,
)


def membership_memoised(
    *, user: User | AnonymousUser | None, community: Community | None
) -> Membership | None:
    """The membership this request already loaded, if any (never a query)."""
    if community is None or user is None or not user.is_authenticated:
        return None
    return user.__dict__.get("_memberships", {}).get(community.pk)


def is_member(*, user: User | AnonymousUser | None, community: Community) -> bool:
    return membership_for(user=user, community=community) is not None


def is_moderator(*, user: User | AnonymousUser | None, community: Community) -> bool:
    membership = membership_for(user=user, community=community)
    return membership is not None and membership.is_moderator


def communities_administered_by(*, viewer: User | AnonymousUser) -> QuerySet[Community]:
    """The communities whose settings and staff this person manages in the staff console:
    every one for a superuser, else those where they are a community admin."""
    if getattr(viewer, "is_superuser", False):
        return Community.objects.all()
    if not getattr(viewer, "is_authenticated", False):
        return Community.objects.none()
    return Community.objects.filter(
        memberships__user=viewer, memberships__staff_role=StaffRole.ADMIN
    ).distinct()


def administers(*, viewer: User | AnonymousUser | None, community: Community | None) -> bool:
    """Whether this person manages the community's staff: its community admins, and
    superusers."""
    if community is None or viewer is None or not viewer.is_authenticated:
        return False
    if viewer.is_superuser:
        return True
    membership = membership_for(user=viewer, community=community)
    return membership is not None and membership.is_community_admin


def rounded_down(count: int) -> int:
    """A figure rounded down for display: 4,937 -> 4,900; 216,432 -> 216,000."""
    if count < 100:
        return count - count % 10
    step = 10 ** (len(str(count)) - 2) if count < 100_000 else 1000
    return count - count % step


def home_context_for(*, viewer: User | AnonymousUser, community: Community) -> dict:
    membership = membership_for(user=viewer, community=community)
    return {
        "membership": membership,
        "member_count": community.member_count,
        "member_count_rounded": rounded_down(community.member_count),
    }


def members_joined_since(*, community: Community, since: datetime) -> int:
    return Membership.objects.filter(community=community, joined_at__gte=since).count()
