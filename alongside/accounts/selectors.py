"""Reads of member profiles. Every one takes the viewer and applies each field's audience."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import Http404

from alongside.accounts.conditions import conditions_by_slug
from alongside.accounts.models import MemberCondition, Profile, User
from alongside.accounts.relations import relations
from alongside.communities.models import Community, ConditionType, Membership
from alongside.communities.selectors import membership_for
from alongside.core.audiences import Relation, can_see
from alongside.core.prepared import Int, Prepared, Text, Uuid
from alongside.core.routes import route

PREVIEWS = ("visitor", "member", "team")


@dataclass(frozen=True)
class ProfileView:
    """What one viewer may see of one member's profile; None means hidden from them."""

    public_id: str
    name: str
    is_anonymised: bool
    avatar_url: str | None = None
    about: str | None = None
    region: str | None = None
    role: str | None = None
    diagnosis_year: int | None = None
    condition_type: str | None = None
    conditions: list[str] | None = None
    hidden_fields: list[str] = field(default_factory=list)


def relation_between(
    *, viewer: User | AnonymousUser, owner: User, community: Community
) -> Relation:
    if viewer.is_authenticated and viewer.pk == owner.pk:
        return Relation(is_owner=True, is_member=True, is_teammate=True)
    is_member = membership_for(user=viewer, community=community) is not None
    teammate = is_member and relations().are_teammates(a=viewer, b=owner, community=community)
    return Relation(is_owner=False, is_member=is_member, is_teammate=teammate)


def _preview_relation(preview: str) -> Relation:
    return Relation(is_owner=False, is_member=preview != "visitor", is_teammate=preview == "team")


def profile_view_for(
    *, viewer: User, public_id: UUID | str, community: Community, preview: str | None = None
) -> ProfileView:
    """The profile of a member of `community` as `viewer` sees it (or as the owner previews it).

    Raises Http404 when the member is not in this community or the viewer may see nothing.
    """
    membership = _membership_by_public_id(public_id=public_id, community=community)
    relation = _relation_unless_blocked(viewer=viewer, owner=membership.user, community=community)
    if relation.is_owner and preview in PREVIEWS:
        relation = _preview_relation(preview)
    view = _build_view(relation=relation, profile=membership.user.profile, membership=membership)
    if view.is_anonymised and view.avatar_url is None and not relation.is_member:
        raise Http404
    return view


def avatar_get_for(
    *, viewer: User | AnonymousUser, public_id: UUID | str, community: Community
) -> Profile:
    """The profile whose picture this viewer may see (its avatar_audience applied), else Http404.

    Owners always see their own, even where they have not joined (their settings page shows it).
    """
    if viewer.is_authenticated and str(viewer.public_id) == str(public_id):
        profile = Profile.objects.filter(user=viewer).first()
    else:
        membership = _membership_by_public_id(public_id=public_id, community=community)
        owner = membership.user
        relation = _relation_unless_blocked(viewer=viewer, owner=owner, community=community)
        profile = owner.profile if can_see(relation, owner.profile.avatar_audience) else None
    if profile is None or not profile.avatar:
        raise Http404
    return profile


def avatar_url(profile: Profile) -> str:
    """Where a member's picture is served through the audience check."""
    url = route("profile_picture", profile.user.public_id)
    return f"{url}?v={profile.avatar_version}"


def _relation_unless_blocked(*, viewer, owner: User, community: Community) -> Relation:
    """A member who blocked the viewer is not there for them at all."""
    relation = relation_between(viewer=viewer, owner=owner, community=community)
    if relation.is_owner:
        return relation
    if relations().has_blocked(blocker=owner, blocked=viewer, community=community):
        raise Http404
    return relation


def _membership_by_public_id(*, public_id, community: Community) -> Membership:
    membership = _MEMBERSHIP_BY_PUBLIC_ID.first(public_id=public_id, community=community.pk)
    if membership is None or not hasattr(membership.user, "profile"):
        raise Http404
    membership.community = community  # the same row: its name for anonymised members, no query
    return membership


# The profile page reads these on every view: their SQL is built once per process
# (core/prepared.py).
_MEMBERSHIP_BY_PUBLIC_ID = Prepared(
    lambda *, public_id, community: (
        Membership.objects.select_related("user__profile")
        .filter(community_id=community, user__public_id=public_id, user__is_active=True)
        .order_by("pk")[:1]
    ),
    public_id=Uuid,
    community=Int,
)


def _build_view(*, relation: Relation, profile: Profile, membership: Membership) -> ProfileView:
    hidden: list[str] = []

    def visible(name: str, audience: str, value):
        if can_see(relation, audience):
            return value
        hidden.append(name)
        return None

    name = visible("display_name", profile.display_name_audience, profile.display_name or None)
    avatar = avatar_url(profile) if profile.avatar else None
    return ProfileView(
        public_id=str(profile.user.public_id),
        name=name or membership.community.anonymous_member_name,
        is_anonymised=name is None,
        avatar_url=visible("avatar", profile.avatar_audience, avatar),
        about=visible("about", profile.about_audience, profile.about or None),
        region=visible("region", profile.region_audience, profile.region or None),
        role=visible("role", membership.role_audience, membership.get_role_display()),
        diagnosis_year=visible(
            "diagnosis_year", membership.diagnosis_year_audience, membership.diagnosis_year
        ),
        condition_type=visible(
            "condition_type", membership.condition_type_audience, _type_name(membership)
        ),
        conditions=visible(
            "conditions", profile.conditions_audience, _condition_names(profile.user)
        ),
        hidden_fields=hidden,
    )


def _type_name(membership: Membership) -> str | None:
    """The name of the member's type of the condition (one query, only when one is set)."""
    if not membership.condition_type:
        return None
    names = _TYPE_NAME.rows(community=membership.community_id, slug=membership.condition_type)
    return (names[0] if names else "") or None


_TYPE_NAME = Prepared(
    lambda *, community, slug: ConditionType.objects.filter(
        community_id=community, slug=slug
    ).values_list("name", flat=True)[:1],
    community=Int,
    slug=Text,
)


def _condition_names(user: User) -> list[str]:
    known = conditions_by_slug()
    return [known[slug].name for slug in member_condition_slugs(user=user) if slug in known]


def display_name_for(*, viewer: User, owner: User, community: Community) -> str:
    """How a member's name appears to this viewer: their display name, or anonymised."""
    relation = relation_between(viewer=viewer, owner=owner, community=community)
    profile = owner.profile
    if profile.display_name and can_see(relation, profile.display_name_audience):
        return profile.display_name
    return community.anonymous_member_name


def member_condition_slugs(*, user: User) -> list[str]:
    return _CONDITION_SLUGS.rows(user=user.pk)


_CONDITION_SLUGS = Prepared(
    lambda *, user: MemberCondition.objects.filter(user_id=user).values_list("slug", flat=True),
    user=Int,
)


def counted_in_figures(*, community: Community, prefix: str = "user__") -> Q:
    """Who counts in a community's figures: its active members who agreed to be counted
    (Profile.count_in_figures). The one definition every figure filters by; `prefix` is the
    path from the rows being counted to their member."""
    return Q(
        **{
            f"{prefix}is_active": True,
            f"{prefix}profile__count_in_figures": True,
            f"{prefix}memberships__community": community,
        }
    )


_TYPE_FIGURES_KEY = "condition-type-figures:{}"


@dataclass(frozen=True)
class TypeFigure:
    name: str
    count: int | None  # None: fewer than k members, so not shown


def condition_type_figures(*, community: Community) -> list[TypeFigure]:
    """How many members who agreed to count in figures have each type of the condition;
    a type resting on fewer than k members shows no number. Cached for an hour (an
    aggregate: two queries once, none after)."""
    key = _TYPE_FIGURES_KEY.format(community.pk)
    figures = cache.get(key)
    if figures is None:
        figures = _type_figures(community)
        cache.set(key, figures, 3600)
    return figures


def _type_figures(community: Community) -> list[TypeFigure]:
    counts = dict(
        Membership.objects.filter(community=community)
        .filter(counted_in_figures(community=community))
        .exclude(condition_type="")
        .values_list("condition_type")
        .annotate(members=Count("pk"))
        .order_by()
    )
    k = settings.COMMUNITY_FIGURE_MIN_MEMBERS
    return [
        TypeFigure(kind.name, counts[kind.slug] if counts.get(kind.slug, 0) >= k else None)
        for kind in community.condition_types.all()
    ]


@dataclass(frozen=True)
class Device:
    """One signed-in browser or app, as the member sees it in Settings > Devices."""

    id: int
    started: datetime
    last_seen: datetime | None
    address: str
    software: str
    is_current: bool
    is_app: bool


def devices_for(*, viewer: User, current_session_key: str | None) -> list[Device]:
    """The member's live sessions, newest first; expired ones are tidied away on the way."""
    sessions = UserSession.objects.purge_and_list(viewer)
    devices = [_device(session, current_session_key) for session in sessions]
    return sorted(devices, key=lambda device: device.started, reverse=True)


def _device(session: UserSession, current_session_key: str | None) -> Device:
    agent = session.user_agent or ""
    return Device(
        id=session.pk,
        started=session.created_at,
        last_seen=session.last_seen_at,
        address=session.ip or "",
        software=agent[:120],
        is_current=session.session_key == current_session_key,
        is_app=not agent or "Mozilla/" not in agent,
    )
