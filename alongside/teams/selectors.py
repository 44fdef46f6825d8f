"""Reads about teams, team requests and blocks. Bounded: a few queries whatever the size."""

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, Self
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from alongside.accounts.conditions import conditions_by_slug
from alongside.accounts.models import MemberCondition, User
from alongside.communities.models import Community, Membership, Role
from alongside.communities.selectors import is_member
from alongside.core.audiences import ANY_MEMBER, Relation, audiences_seen_by, can_see
from alongside.core.prepared import Int, Prepared, Uuid
from alongside.teams import suggestions
from alongside.teams.models import Block, RequestStatus, TeamLink, TeamRequest

SUGGESTION_LIMIT = 6


SHARED_SECONDS = 3600


def shared_key(kind: str, community_id: int, user_id: int) -> str:
    """Where a member's teammates or blocks are kept between requests. The team and block
    services forget both members' copies whenever a link or a block changes (at once and again
    when the transaction commits), so the copy is never older than the last change."""
    return f"teams:{kind}:{community_id}:{user_id}:v1"


def _memo(user, key: str, community, compute):
    """Per-request memo on the user object (request.user lives for one request), over a copy
    shared between requests (two queries fewer on every page that shows members' content)."""
    memo = user.__dict__.setdefault("_viewings", {})
    if (key, community.pk) not in memo:
        where = shared_key(key, community.pk, user.pk)
        found = cache.get(where)
        if found is None:
            found = compute()
            cache.set(where, found, SHARED_SECONDS)
        memo[(key, community.pk)] = found
    return memo[(key, community.pk)]


def _read_ahead(user, community, kinds: tuple[str, ...]) -> None:
    """The shared copies of several of `kinds` in one cache round trip instead of one each;
    what the cache lacks is computed by `_memo` as before."""
    memo = user.__dict__.setdefault("_viewings", {})
    wanted = {
        shared_key(kind, community.pk, user.pk): kind
        for kind in kinds
        if (kind, community.pk) not in memo
    }
    if len(wanted) < 2:
        return
    for where, found in cache.get_many(list(wanted)).items():
        memo[(wanted[where], community.pk)] = found


def are_teammates(*, a: User, b: User, community: Community) -> bool:
    if not (getattr(a, "pk", None) and getattr(b, "pk", None)) or a.pk == b.pk:
        return False
    return b.pk in teammate_ids(user=a, community=community)


def teammate_ids(*, user: User, community: Community) -> set[int]:
    if not getattr(user, "pk", None):
        return set()

    def compute() -> set[int]:
        links = TeamLink.objects.filter(Q(user_low=user) | Q(user_high=user), community=community)
        pairs = links.values_list("user_low_id", "user_high_id")
        return {other for pair in pairs for other in pair if other != user.pk}

    return _memo(user, "teammates", community, compute)


def team_links_of(*, user: User, community: Community) -> QuerySet[Any, Any]:
    """The ids of the user's teammates as a subquery (no round trip of its own)."""
    low = TeamLink.objects.filter(community=community, user_low=user).values("user_high_id")
    high = TeamLink.objects.filter(community=community, user_high=user).values("user_low_id")
    return low.union(high)


def blocks_of(*, user: User, community: Community) -> QuerySet[Any, Any]:
    """The ids of members on either side of a block with the user, as a subquery."""
    mine = Block.objects.filter(community=community, blocker=user).values("blocked_id")
    theirs = Block.objects.filter(community=community, blocked=user).values("blocker_id")
    return mine.union(theirs)


def blocked_ids(*, user: User, community: Community) -> set[int]:
    """Members this user blocked or was blocked by: neither side sees the other's content."""
    if not getattr(user, "pk", None):
        return set()
    mine, theirs = block_sets(user=user, community=community)
    return mine | theirs


def block_sets(*, user: User, community: Community) -> tuple[set[int], set[int]]:
    """(members this user blocked, members who blocked this user), in one query."""

    def compute() -> tuple[set[int], set[int]]:
        rows = Block.objects.filter(Q(blocker=user) | Q(blocked=user), community=community)
        pairs = list(rows.values_list("blocker_id", "blocked_id"))
        mine = {blocked for blocker, blocked in pairs if blocker == user.pk}
        theirs = {blocker for blocker, blocked in pairs if blocked == user.pk}
        return mine, theirs

    return _memo(user, "blocks", community, compute)


def is_blocked_between(*, a: User, b: User, community: Community) -> bool:
    if not (getattr(a, "pk", None) and getattr(b, "pk", None)):
        return False
    return b.pk in blocked_ids(user=a, community=community)


def has_blocked(*, blocker: User, blocked: User, community: Community) -> bool:
    if not (getattr(blocker, "pk", None) and getattr(blocked, "pk", None)):
        return False
    # Memoised on whichever side is the viewer: both sides' sets come from one query.
    if "_viewings" in blocked.__dict__ or "_viewings" not in blocker.__dict__:
        return blocker.pk in block_sets(user=blocked, community=community)[1]
    return blocked.pk in block_sets(user=blocker, community=community)[0]


@dataclass
class Viewing:
    """Who is looking inside one community: a member, their teammates and the members on
    either side of a block. Costs two queries once per request (the sets are memoised)."""

    viewer: User
    community: Community
    teammates: set[int]
    blocked: set[int]

    @classmethod
    def of(cls, *, viewer: User, community: Community) -> Self:
        """Raises Http404 for anyone who is not a member of the community."""
        if not is_member(user=viewer, community=community):
            raise Http404
        _read_ahead(viewer, community, ("teammates", "blocks"))
        return cls(
            viewer=viewer,
            community=community,
            teammates=teammate_ids(user=viewer, community=community),
            blocked=blocked_ids(user=viewer, community=community),
        )

    def name(self, owner: User | None) -> str:
        return name_for(
            viewer_id=self.viewer.pk,
            owner=owner,
            community=self.community,
            teammates=self.teammates,
        )


def name_for(
    *,
    viewer_id: int | None,
    owner: User | None,
    community: Community,
    teammates: AbstractSet[int | None],
) -> str:
    """A member's name as this viewer may see it, from a profile already loaded (no query)."""
    profile = getattr(owner, "profile", None)
    if owner is None or profile is None or not profile.display_name:
        return community.anonymous_member_name
    relation = Relation(
        is_owner=owner.pk == viewer_id, is_member=True, is_teammate=owner.pk in teammates
    )
    if can_see(relation, profile.display_name_audience):
        return profile.display_name
    return community.anonymous_member_name


@dataclass(frozen=True)
class Person:
    public_id: str
    name: str
    reason: str = ""
    request_pk: int | None = None


def team_request_get_for(*, viewer: User, pk: int, community: Community) -> TeamRequest:
    """A pending request the viewer sent or received here, else Http404."""
    found = (
        TeamRequest.objects.select_related("sender", "recipient")
        .filter(pk=pk, community=community, status=RequestStatus.PENDING)
        .filter(Q(sender=viewer) | Q(recipient=viewer))
        .first()
    )
    if found is None:
        raise Http404
    return found


def team_page_for(*, viewer: User, community: Community) -> dict:
    """The viewer's team, requests in and out, blocks and suggestions: seven queries."""
    teammates = teammate_ids(user=viewer, community=community)
    members = _people(viewer, community, teammates, _users_by_ids(teammates, community))
    incoming, outgoing = _requests(viewer, community, teammates)
    blocks = list(
        Block.objects.filter(Q(blocker=viewer) | Q(blocked=viewer), community=community)
        .select_related("blocked__profile")
        .order_by("-created_at")[:200]
    )
    mine = [row.blocked for row in blocks if row.blocker_id == viewer.pk]
    excluded: set[int | UUID] = {*teammates, *(row.blocker_id for row in blocks)}
    excluded |= {row.blocked_id for row in blocks}
    excluded |= {UUID(person.public_id) for person in incoming + outgoing}
    return {
        "teammates": sorted(members, key=lambda person: person.name.lower()),
        "incoming": incoming,
        "outgoing": outgoing,
        "blocked": _people(viewer, community, teammates, mine),
        "suggestions": people_like_you(viewer=viewer, community=community, excluded=excluded),
    }


def _users_by_ids(ids, community):
    from alongside.accounts.models import User

    return User.objects.filter(
        pk__in=ids, is_active=True, memberships__community=community
    ).select_related("profile")


def _people(viewer, community, teammates, users, reasons=None) -> list[Person]:
    reasons = reasons or {}
    return [
        Person(
            public_id=str(user.public_id),
            name=name_for(
                viewer_id=viewer.pk, owner=user, community=community, teammates=teammates
            ),
            reason=reasons.get(user.pk, ""),
        )
        for user in users
    ]


def _requests(viewer, community, teammates) -> tuple[list[Person], list[Person]]:
    """Pending requests to and from the viewer, in one query."""
    rows = (
        TeamRequest.objects.filter(Q(sender=viewer) | Q(recipient=viewer))
        .filter(community=community, status=RequestStatus.PENDING)
        .select_related("sender__profile", "recipient__profile")
        .order_by("-created_at")[:100]
    )
    incoming: list[Person] = []
    outgoing: list[Person] = []
    for row in rows:
        other = row.sender if row.recipient_id == viewer.pk else row.recipient
        person = Person(
            public_id=str(other.public_id),
            name=name_for(
                viewer_id=viewer.pk, owner=other, community=community, teammates=teammates
            ),
            request_pk=row.pk,
        )
        (incoming if other is row.sender else outgoing).append(person)
    return incoming, outgoing


def profile_actions_for(
    *, viewer: User | AnonymousUser, owner_public_id: UUID | str, community: Community
) -> dict | None:
    """What the viewer may do about a member from their profile; None for no actions."""
    if not viewer.is_authenticated or not is_member(user=viewer, community=community):
        return None
    if str(viewer.public_id) == str(owner_public_id):
        return None
    membership = _MEMBER_BY_PUBLIC_ID.first(public_id=owner_public_id, community=community.pk)
    if membership is None:
        return None
    owner = membership.user
    pending = pending_request_between(a=viewer, b=owner, community=community)
    return {
        "public_id": str(owner.public_id),
        "i_blocked": has_blocked(blocker=viewer, blocked=owner, community=community),
        "teammate": are_teammates(a=viewer, b=owner, community=community),
        "incoming": pending if pending and pending.recipient_id == viewer.pk else None,
        "outgoing": pending if pending and pending.sender_id == viewer.pk else None,
    }


def pending_request_between(*, a: User, b: User, community: Community) -> TeamRequest | None:
    return _PENDING_BETWEEN.first(a=a.pk, b=b.pk, community=community.pk)


# A profile reads both on every view: their SQL is built once per process (core/prepared.py).
_MEMBER_BY_PUBLIC_ID = Prepared(
    lambda *, public_id, community: (
        Membership.objects.filter(community_id=community, user__public_id=public_id)
        .select_related("user")
        .order_by("pk")[:1]
    ),
    public_id=Uuid,
    community=Int,
)


def _pending_between_query(*, a: int, b: int, community: int):
    either = Q(sender_id=a, recipient_id=b) | Q(sender_id=b, recipient_id=a)
    return TeamRequest.objects.filter(
        either, community_id=community, status=RequestStatus.PENDING
    ).order_by("-created_at")[:1]


_PENDING_BETWEEN = Prepared(_pending_between_query, a=Int, b=Int, community=Int)


def people_like_you(
    *,
    viewer: User,
    community: Community,
    limit: int = SUGGESTION_LIMIT,
    excluded: set[int | UUID] | None = None,
) -> list[Person]:
    """Members sharing a condition, a current treatment, the role or the region, seen only
    where their audience allows.

    Only fields the candidate shares with all members are matched, so a suggestion never
    reveals what the viewer could not already see on the candidate's profile. `excluded`
    (ids, or public ids of pending requests) spares the queries when the caller has them.
    """
    if excluded is None:
        excluded = {*teammate_ids(user=viewer, community=community)}
        excluded |= blocked_ids(user=viewer, community=community)
        excluded |= _pending_partner_ids(viewer, community)
    leave_out = _as_user_ids(excluded | {viewer.pk})
    reasons = _condition_matches(viewer, community, leave_out, limit)
    more_sources: list[suggestions.Source] = [*suggestions.sources(), _role_or_region_matches]
    for more in more_sources:
        for user_id, match in more(viewer, community, leave_out, limit).items():
            reasons.setdefault(user_id, match)
    return [
        Person(
            public_id=str(user.public_id),
            name=name_for(viewer_id=viewer.pk, owner=user, community=community, teammates=set()),
            reason=reason,
        )
        for user, reason in list(reasons.values())[:limit]
    ]


def _as_user_ids(ids: set[int | UUID]) -> Q:
    """Ids and public ids to leave out, as one condition."""
    numbers = {item for item in ids if isinstance(item, int)}
    public = {item for item in ids if isinstance(item, UUID)}
    return Q(user_id__in=numbers) | Q(user__public_id__in=public)


def _pending_partner_ids(viewer, community) -> set[int]:
    rows = TeamRequest.objects.filter(
        Q(sender=viewer) | Q(recipient=viewer), community=community, status=RequestStatus.PENDING
    ).values_list("sender_id", "recipient_id")
    return {other for pair in rows for other in pair}


def _condition_matches(viewer, community, excluded, limit) -> dict:
    mine = MemberCondition.objects.filter(user=viewer).values("slug")
    rows = (
        MemberCondition.objects.filter(
            slug__in=mine,
            user__is_active=True,
            user__profile__conditions_audience__in=audiences_seen_by(ANY_MEMBER),
            user__memberships__community=community,
        )
        .exclude(excluded)
        .select_related("user__profile")
        .order_by("-user_id")[:limit]
    )
    known = conditions_by_slug()
    return {
        row.user_id: (
            row.user,
            _("Also lives with %(condition)s") % {"condition": known[row.slug].name},
        )
        for row in rows
        if row.slug in known
    }


def _role_or_region_matches(viewer, community, excluded, limit) -> dict:
    mine = (
        Membership.objects.filter(user=viewer, community=community)
        .select_related("user__profile")
        .first()
    )
    if mine is None:
        return {}
    region = getattr(mine.user, "profile", None) and mine.user.profile.region
    shared = audiences_seen_by(ANY_MEMBER)
    same_role = Q(role=mine.role, role_audience__in=shared)
    same_region = Q(user__profile__region=region, user__profile__region_audience__in=shared)
    rows = (
        Membership.objects.filter(same_role | same_region if region else same_role)
        .filter(community=community, user__is_active=True, user__profile__isnull=False)
        .exclude(excluded)
        .select_related("user__profile")
        .order_by("-joined_at")[:limit]
    )
    return {row.user_id: (row.user, _match_reason(row, community, region)) for row in rows}


def _match_reason(row, community, region) -> str:
    profile = row.user.profile
    if region and profile.region == region and can_see(ANY_MEMBER, profile.region_audience):
        return _("Also in %(region)s") % {"region": region}
    condition = {"condition": community.short_name}
    if row.role == Role.LIVING_WITH:
        return _("Also lives with %(condition)s") % condition
    if row.role == Role.LOVED_ONE:
        return _("Also cares for someone with %(condition)s") % condition
    return _("Also: %(role)s") % {"role": row.get_role_display()}


def other_member_get(*, viewer: User, public_id: UUID | str, community: Community) -> User:
    """Another active member of this community, by public id, else Http404."""
    membership = (
        Membership.objects.select_related("user")
        .filter(community=community, user__public_id=public_id, user__is_active=True)
        .first()
    )
    if membership is None or membership.user_id == viewer.pk:
        raise Http404
    return membership.user
