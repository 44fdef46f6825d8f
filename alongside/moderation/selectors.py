"""Reads for moderation: who may post, what a member may report, the moderators' queue."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Model, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import User
from alongside.communities.models import DESK_ROLES, Community, Membership, StaffRole
from alongside.communities.selectors import administers, is_member, is_moderator
from alongside.core import moderation as registry
from alongside.core.cursors import cursor_filter
from alongside.core.models import Visibility
from alongside.moderation import targets
from alongside.moderation.models import (
    Action,
    GuestBlock,
    ModerationAction,
    Report,
    ReportStatus,
    Risk,
    Suspension,
)

QUEUE_LIMIT = 100
LOG_PAGE_SIZE = 50


def moderator_required(*, viewer: User, community: Community) -> None:
    if not is_moderator(user=viewer, community=community):
        raise Http404


def report_target_for(*, viewer: User, kind: str, ref: str, community: Community) -> Model:
    """The item or profile this member may see and so may report, else Http404."""
    if kind not in targets.KINDS or not is_member(user=viewer, community=community):
        raise Http404
    target = _FETCH[kind](viewer=viewer, ref=ref, community=community)
    if target is None or getattr(targets.author_of(target), "pk", None) == viewer.pk:
        raise Http404
    return target


def _pk(ref: str) -> int:
    if not ref.isdigit():
        raise Http404
    return int(ref)


def _profile(*, viewer, ref, community):
    from alongside.accounts.models import User

    try:
        return (
            User.objects.filter(public_id=ref, is_active=True, memberships__community=community)
            .exclude(pk=viewer.pk)
            .first()
        )
    except Exception as error:  # a malformed UUID
        raise Http404 from error


def _registered(label_lower: str, *, viewer, ref: str, community):
    """Content apps sit above moderation: each tells the queue, through its registration in
    core.moderation, how to fetch an item for a viewer (Http404 when they may not see it)."""
    item = registry.for_model(label_lower)
    if item is None or item.get_for is None:
        return None
    return item.get_for(viewer=viewer, pk=_pk(ref), community=community)


def _update(*, viewer, ref, community):
    return _registered(targets.KINDS["update"], viewer=viewer, ref=ref, community=community)


def _comment(*, viewer, ref, community):
    registered = registry.for_model(targets.KINDS["comment"])
    if registered is None:
        return None
    # A conversations Comment: moderation sits below it and knows it only by its label.
    comment: Any = registered.model._default_manager.filter(
        pk=_pk(ref), community=community, visibility=Visibility.PUBLISHED
    ).first()
    if comment is None:
        return None
    if comment.update_id:
        _update(viewer=viewer, ref=str(comment.update_id), community=community)
    else:
        _answer(viewer=viewer, ref=str(comment.answer_id), community=community)
    return comment


def _question(*, viewer, ref, community):
    return _registered(targets.KINDS["question"], viewer=viewer, ref=ref, community=community)


def _answer(*, viewer, ref, community):
    return _registered(targets.KINDS["answer"], viewer=viewer, ref=ref, community=community)


def _message(*, viewer, ref, community):
    model = targets.model_for("inbox.message")
    if model is None:
        return None
    mine = Q(conversation__user_low=viewer) | Q(conversation__user_high=viewer)
    return (
        model.objects.filter(mine, pk=_pk(ref), conversation__community=community)
        .exclude(sender=viewer)
        .first()
    )


_FETCH = {
    "profile": _profile,
    "update": _update,
    "comment": _comment,
    "question": _question,
    "answer": _answer,
    "message": _message,
}


@dataclass
class QueueEntry:
    """One thing for the moderators: a held post, a reported item, or both."""

    target: Model
    label_lower: str
    label: str
    excerpt: str
    url: str
    author_name: str
    pending: bool
    visibility: str
    created_at: datetime
    reports: list = field(default_factory=list)
    # A private message only crisis screening flagged: moderators see who, never what.
    private: bool = False
    next_anchor: str = ""  # where the desk goes once this entry is dealt with

    @property
    def risk(self) -> int:
        return max((report.risk for report in self.reports), default=0)

    @property
    def visibility_label(self) -> str:
        """Where the item stands, in words ("Hidden by a moderator")."""
        return str(dict(Visibility.choices).get(self.visibility, self.visibility))

    @property
    def is_profile(self) -> bool:
        return targets.kind_of(self.target) == "profile"

    @property
    def is_crisis(self) -> bool:
        return self.risk == Risk.HIGH

    @property
    def anchor(self) -> str:
        return f"entry-{self.label_lower.replace('.', '-')}-{self.target.pk}"

    @property
    def sort_key(self) -> tuple:
        return (-self.risk, self.created_at.timestamp(), self.anchor)

    @property
    def cursor(self) -> str:
        return f"{self.risk}~{self.created_at.timestamp():.6f}~{self.anchor}"

    @property
    def actions(self) -> list[str]:
        return actions_for(self.target, pending=self.pending, has_reports=bool(self.reports))


QUEUE_PAGE_SIZE = 10
AGES = {"day": timedelta(days=1), "week": timedelta(days=7)}


@dataclass(frozen=True)
class QueueFilters:
    """What the moderator narrowed the queue to; every field optional."""

    kind: str = ""  # a label such as "conversations.update"
    risk: int = 0  # this risk or higher
    age: str = ""  # older than a day or a week (AGES)
    after: str = ""  # the cursor of the last entry of the previous page

    @classmethod
    def from_params(cls, params) -> "QueueFilters":
        risk = params.get("risk", "")
        age = params.get("age", "")
        return cls(
            kind=params.get("kind", "")[:100],
            risk=int(risk) if risk in {"1", "2", "3"} else 0,
            age=age if age in AGES else "",
            after=params.get("after", "")[:200],
        )

    def as_params(self, **changes) -> dict:
        values = {"kind": self.kind, "risk": self.risk or "", "age": self.age, "after": self.after}
        values.update(changes)
        return {key: value for key, value in values.items() if value}


@dataclass
class QueuePage:
    entries: list[QueueEntry]
    total: int
    next_cursor: str
    kinds: list[tuple[str, str]]


def queue_page_for(*, viewer: User, community: Community, filters: QueueFilters) -> QueuePage:
    """One page of the queue, highest risk first then oldest, after the filters' cursor."""
    entries = [e for e in queue_for(viewer=viewer, community=community) if _kept(e, filters)]
    kinds = sorted({(e.label_lower, e.label) for e in entries}, key=lambda pair: pair[1])
    if filters.kind:
        entries = [e for e in entries if e.label_lower == filters.kind]
    total = len(entries)
    if filters.after:
        cursor = _cursor_key(filters.after)
        entries = [e for e in entries if e.sort_key > cursor]
    for entry, following in pairwise(entries):
        entry.next_anchor = following.anchor
    shown = entries[:QUEUE_PAGE_SIZE]
    more = len(entries) > QUEUE_PAGE_SIZE
    return QueuePage(shown, total, shown[-1].cursor if more else "", kinds)


def _kept(entry: QueueEntry, filters: QueueFilters) -> bool:
    if filters.risk and entry.risk < filters.risk:
        return False
    return not filters.age or entry.created_at <= timezone.now() - AGES[filters.age]


def _cursor_key(cursor: str) -> tuple:
    try:
        risk, stamp, anchor = cursor.split("~", 2)
        return (-int(risk), float(stamp), anchor)
    except ValueError:
        return (-99, 0.0, "")


def queue_count_for(*, viewer: User | AnonymousUser, community: Community) -> int:
    """How many entries wait for a moderator: for the count on the "Moderation" link."""
    if not viewer.is_authenticated or not is_moderator(user=viewer, community=community):
        return 0
    key = f"moderation-count:{community.pk}"
    count = cache.get(key)
    if count is None:
        count = len(queue_for(viewer=viewer, community=community))
        cache.set(key, count, 30)
    return count


def queue_count_forget(*, community: Community) -> None:
    cache.delete(f"moderation-count:{community.pk}")


def moderated_communities_for(*, viewer: User | AnonymousUser) -> list:
    """The communities this member moderates, for the community filter of the desk."""
    if not viewer.is_authenticated:
        return []
    return list(
        Community.objects.filter(memberships__user=viewer, memberships__staff_role__in=DESK_ROLES)
        .select_related("site")
        .order_by("name")
    )


def moderated_community_for(*, viewer: User, slug: str) -> Community | None:
    """One of the communities this member moderates, by slug, else None."""
    return next((c for c in moderated_communities_for(viewer=viewer) if c.slug == slug), None)


def queue_for(*, viewer: User, community: Community) -> list[QueueEntry]:
    """Held posts and open reports, highest risk first, then oldest first.

    One query for reports, one per registered model, one per reported kind: bounded.
    """
    moderator_required(viewer=viewer, community=community)
    reports = list(
        Report.objects.filter(community=community, status=ReportStatus.OPEN)
        .select_related("target_type")
        .order_by("-risk", "created_at")[:QUEUE_LIMIT]
    )
    entries = {_key(item): _entry(item, pending=True) for item in _pending_items(community)}
    for target in _reported_targets(reports, community):
        entries.setdefault(_key(target), _entry(target, pending=False))
    for report in reports:
        entry = entries.get(
            f"{report.target_type.app_label}.{report.target_type.model}:{report.target_id}"
        )
        if entry is not None:
            entry.reports.append(report)
    for entry in entries.values():
        _keep_private(entry)
    return sorted(entries.values(), key=lambda entry: (-entry.risk, entry.created_at))


def _keep_private(entry: QueueEntry) -> None:
    """Messages are private: their text reaches moderators only when the person they were
    sent to reports them. A crisis match alone shows the sender, so someone can reach out."""
    if targets.kind_of(entry.target) == "message" and all(r.is_automatic for r in entry.reports):
        entry.private = True
        entry.excerpt = ""
        entry.url = ""


def _key(target) -> str:
    return f"{target._meta.label_lower}:{target.pk}"


def _with_author(queryset):
    names = {f.name for f in queryset.model._meta.get_fields()}
    if "guest" in names:
        queryset = queryset.select_related("guest")
    for name in ("author", "sender"):
        if name in names:
            return queryset.select_related(f"{name}__profile")
    return queryset


def _pending_items(community) -> list:
    items = []
    for item in registry.registered():
        queryset = item.model._default_manager.filter(
            community=community, visibility=Visibility.PENDING
        )
        items.extend(_with_author(queryset).order_by("created_at")[:QUEUE_LIMIT])
    return items


def _reported_targets(reports, community) -> list:
    ids_by_type: dict = {}
    for report in reports:
        ids_by_type.setdefault(report.target_type, set()).add(report.target_id)
    found = []
    for content_type, ids in ids_by_type.items():
        model = content_type.model_class()
        if model is None:
            continue
        queryset = _with_author(model.objects.filter(pk__in=ids))
        if model._meta.label_lower == "accounts.user":
            queryset = model.objects.filter(pk__in=ids).select_related("profile")
        found.extend(queryset)
    return found


def _entry(target, *, pending: bool) -> QueueEntry:
    author = targets.author_of(target)
    return QueueEntry(
        target=target,
        label_lower=target._meta.label_lower,
        label=targets.label_of(target),
        excerpt=targets.excerpt_of(target),
        url=targets.url_of(target),
        author_name=author_name_for_moderators(target, author=author),
        pending=pending,
        visibility=getattr(target, "visibility", ""),
        created_at=getattr(target, "created_at", None) or target.date_joined,
    )


def _moderator_facing_name(user) -> str:
    if user is None:
        return "—"
    profile = getattr(user, "profile", None)
    name = profile.display_name if profile is not None and profile.display_name else ""
    return f"{name} ({str(user.public_id)[:8]})" if name else str(user.public_id)[:8]


def moderation_target_for(
    *, viewer: User, label_lower: str, pk: int, community: Community
) -> Model:
    """An item or member of this community a moderator may act on, else Http404."""
    moderator_required(viewer=viewer, community=community)
    allowed = set(targets.KINDS.values()) | {
        item.model._meta.label_lower for item in registry.registered()
    }
    model = targets.model_for(label_lower) if label_lower in allowed else None
    target = model.objects.filter(pk=pk).first() if model is not None else None
    if target is None or not targets.belongs_to(target, community):
        raise Http404
    return target


def log_for(
    *, viewer: User, community: Community, before: str | None = None
) -> list[ModerationAction]:
    """The audit log, newest first; `before` is a keyset cursor (core.cursors)."""
    moderator_required(viewer=viewer, community=community)
    logged = ModerationAction.objects.filter(community=community).select_related(
        "moderator__profile", "member__profile", "target_type"
    )
    rows = list(logged.filter(cursor_filter(before)).order_by("-created_at", "-id")[:LOG_PAGE_SIZE])
    _log_items_attach(rows)
    for row in rows:
        row.moderator_name = _moderator_facing_name(row.moderator)
        row.member_name = _moderator_facing_name(row.member) if row.member_id else ""
    return rows


def _log_items_attach(rows: list[ModerationAction]) -> None:
    ids_by_type: dict = {}
    for row in rows:
        ids_by_type.setdefault(row.target_type, set()).add(row.target_id)
    found = {}
    for content_type, ids in ids_by_type.items():
        model = content_type.model_class()
        for item in model.objects.filter(pk__in=ids) if model is not None else []:
            found[(content_type.pk, item.pk)] = item
    for row in rows:
        item = found.get((row.target_type_id, row.target_id))
        row.item_label = targets.label_of(item) if item is not None else row.target_type.name
        row.item_url = targets.url_of(item) if item is not None else ""


def suspension_active_for(*, user: User, community: Community) -> Suspension | None:
    return (
        Suspension.objects.filter(community=community, user=user, until__gt=timezone.now())
        .order_by("-until")
        .first()
    )


_NOT_SUSPENDED = "-"


def suspension_notice_for(
    *, viewer: User | AnonymousUser | None, community: Community | None
) -> dict | None:
    """The viewer's active suspension here as {"until", "reason"}, for the notice every page
    shows before any form; cached a minute (no query on most pages), forgotten on a change."""
    if community is None or viewer is None or not viewer.is_authenticated:
        return None
    key = suspension_cache_key(user_id=viewer.pk, community_id=community.pk)
    cached = cache.get(key)
    if cached is None:
        active = suspension_active_for(user=viewer, community=community)
        cached = {"until": active.until, "reason": active.reason} if active else _NOT_SUSPENDED
        cache.set(key, cached, 60)
    if cached == _NOT_SUSPENDED or cached["until"] <= timezone.now():
        return None
    return cached


def suspension_cache_key(*, user_id: int, community_id: int) -> str:
    return f"suspension:{community_id}:{user_id}"


def actions_for(target: Model, *, pending: bool, has_reports: bool) -> list[str]:
    """The decisions that do something for this item: no warning or suspension without a
    member to receive it, a guest block only for a guest's comment."""
    visibility = getattr(target, "visibility", "")
    is_profile = targets.kind_of(target) == "profile"
    chosen: list[str] = []
    if pending:
        chosen += [Action.APPROVE, Action.REJECT]
    elif visibility == Visibility.PUBLISHED and not is_profile:
        chosen.append(Action.HIDE)
    elif visibility in (Visibility.HIDDEN, Visibility.REJECTED):
        chosen.append(Action.RESTORE)
    if targets.author_of(target) is not None:
        chosen += [Action.REACH_OUT, Action.WARN, Action.SUSPEND]
    elif getattr(target, "guest_id", None):
        chosen.append(Action.BLOCK_GUEST)
    if has_reports:
        chosen += [Action.RESOLVE, Action.DISMISS]
    return chosen


def actions_for_target(*, target: Model) -> list[str]:
    """The decisions that apply to an item now, wherever the moderator found it."""
    has_reports = Report.objects.filter(
        target_type=targets.content_type_of(target),
        target_id=target.pk,
        status=ReportStatus.OPEN,
    ).exists()
    pending = getattr(target, "visibility", "") == Visibility.PENDING
    return actions_for(target, pending=pending, has_reports=has_reports)


_NO_AUTHOR = object()


def author_name_for_moderators(target: Model, *, author: object = _NO_AUTHOR) -> str:
    """The member's name and short id, or a guest's name marked as a guest."""
    author = targets.author_of(target) if author is _NO_AUTHOR else author
    if author is None:
        registered = registry.for_model(target._meta.label_lower)
        guest = registered.guest_of(target) if registered and registered.guest_of else None
        if guest is not None:
            return _("%(name)s (guest)") % {"name": guest.name}
    return _moderator_facing_name(author)


def guest_blocks_for(*, viewer: User, community: Community) -> list[GuestBlock]:
    """The guests blocked here and not lifted, newest first (moderators only)."""
    moderator_required(viewer=viewer, community=community)
    rows = GuestBlock.objects.filter(community=community, lifted_at=None)
    return list(rows.select_related("created_by__profile").order_by("-created_at", "-id"))


def guest_block_get_for(*, viewer: User, community: Community, pk: int) -> GuestBlock:
    """One of this community's guest blocks, for a moderator of it, else Http404."""
    moderator_required(viewer=viewer, community=community)
    block = GuestBlock.objects.filter(community=community, pk=pk, lifted_at=None).first()
    if block is None:
        raise Http404
    return block


# The team page -----------------------------------------------------------------------------

TEAM_MATCHES_SHOWN = 10


def team_required(*, viewer: User | AnonymousUser, community: Community) -> None:
    """The team page is for the community's admins (and superusers); anyone else: 404."""
    if not administers(viewer=viewer, community=community):
        raise Http404


def team_for(*, viewer: User, community: Community) -> list[Membership]:
    """The community's moderators and admins, admins first, each with `name` (as moderators
    see members) and `removable` (False for the only admin, who must appoint another first)."""
    team_required(viewer=viewer, community=community)
    rows = list(
        Membership.objects.filter(community=community, staff_role__in=DESK_ROLES)
        .select_related("user__profile")
        .order_by("staff_role", "joined_at", "pk")  # "admin" sorts before "moderator"
    )
    admins = sum(row.staff_role == StaffRole.ADMIN for row in rows)
    for row in rows:
        row.name = _moderator_facing_name(row.user)
        row.removable = row.staff_role != StaffRole.ADMIN or admins > 1
    return rows


def team_matches_for(
    *, viewer: User, community: Community, query: str, exact: bool = False
) -> list[Membership]:
    """Members here found by their email address, their public id or their display name
    (containing the words, or `exact`ly it), at most TEAM_MATCHES_SHOWN. Email addresses
    match whole, never in part, so the search cannot list members' addresses."""
    team_required(viewer=viewer, community=community)
    query = " ".join(query.split())
    if not query:
        return []
    name = "user__profile__display_name__" + ("iexact" if exact else "icontains")
    found = Q(user__email__iexact=query) | Q(**{name: query})
    public_id = _uuid(query)
    if public_id is not None:
        found |= Q(user__public_id=public_id)
    rows = list(
        Membership.objects.filter(found, community=community, user__is_active=True)
        .select_related("user__profile")
        .order_by("user__profile__display_name", "pk")[:TEAM_MATCHES_SHOWN]
    )
    for row in rows:
        row.name = _moderator_facing_name(row.user)
    return rows


def team_member_get_for(*, viewer: User, community: Community, public_id: str) -> Membership:
    """One member of this community, by public id, for its admins; else Http404."""
    team_required(viewer=viewer, community=community)
    found = _uuid(public_id)
    membership = (
        Membership.objects.filter(community=community, user__public_id=found)
        .select_related("user__profile")
        .first()
        if found is not None
        else None
    )
    if membership is None:
        raise Http404
    membership.name = _moderator_facing_name(membership.user)
    return membership


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        return None
