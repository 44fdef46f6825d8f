"""Reads for moderation: who may post, what a member may report, the moderators' queue."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from alongside.communities.selectors import is_member, is_moderator
from alongside.core import moderation as registry
from alongside.core.models import Visibility
from alongside.moderation import targets
from alongside.moderation.models import ModerationAction, Report, ReportStatus, Suspension

QUEUE_LIMIT = 100
LOG_PAGE_SIZE = 50


def moderator_required(*, viewer, community) -> None:
    if not is_moderator(user=viewer, community=community):
        raise Http404


def report_target_for(*, viewer, kind: str, ref: str, community):
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
    comment = registered.model.objects.filter(
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

    target: object
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

    @property
    def risk(self) -> int:
        return max((report.risk for report in self.reports), default=0)

    @property
    def is_profile(self) -> bool:
        return targets.kind_of(self.target) == "profile"


def queue_for(*, viewer, community) -> list[QueueEntry]:
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
    for name in ("author", "sender"):
        if name in names:
            return queryset.select_related(f"{name}__profile")
    return queryset


def _pending_items(community) -> list:
    items = []
    for item in registry.registered():
        queryset = item.model.objects.filter(community=community, visibility=Visibility.PENDING)
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
        author_name=_moderator_facing_name(author),
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


def moderation_target_for(*, viewer, label_lower: str, pk: int, community):
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


def log_for(*, viewer, community, before: int | None = None) -> list[ModerationAction]:
    """The audit log, newest first, keyset by id."""
    moderator_required(viewer=viewer, community=community)
    rows = ModerationAction.objects.filter(community=community).select_related(
        "moderator__profile", "member__profile", "target_type"
    )
    if before:
        rows = rows.filter(pk__lt=before)
    return list(rows.order_by("-id")[:LOG_PAGE_SIZE])


def suspension_active_for(*, user, community) -> Suspension | None:
    return (
        Suspension.objects.filter(community=community, user=user, until__gt=timezone.now())
        .order_by("-until")
        .first()
    )
