from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Schema, Status

from alongside.core.cursors import cursor_for
from alongside.core.schemas import Error, example
from alongside.moderation import policy, selectors, services
from alongside.moderation.crisis import resources_for
from alongside.moderation.models import Action, Reason

router = Router(tags=["moderation"])


class ReportIn(Schema):
    model_config = example(
        {
            "kind": "comment",
            "ref": "1207",
            "reason": "misinformation",
            "details": "Says to stop a prescribed treatment without asking anyone.",
        }
    )

    kind: str
    ref: str
    reason: Reason
    details: str = ""


class ReportOut(Schema):
    model_config = example({"id": 77, "risk": 2, "status": "open"})

    id: int
    risk: int
    status: str


class QueueEntryOut(Schema):
    model_config = example(
        {
            "label": "Comment",
            "target_label": "conversations.comment",
            "target_id": 1207,
            "excerpt": "Stop taking it and try this instead...",
            "url": "/updates/412/#comment-1207",
            "author_name": "Casey",
            "pending": False,
            "visibility": "published",
            "risk": 2,
            "reasons": ["misinformation"],
            "created_at": "2026-04-18T11:02:00Z",
        }
    )

    label: str
    target_label: str
    target_id: int
    excerpt: str
    url: str
    author_name: str
    pending: bool
    visibility: str
    risk: int
    reasons: list[str]
    created_at: datetime


class ActionIn(Schema):
    model_config = example(
        {
            "label": "conversations.comment",
            "pk": 1207,
            "action": "hide",
            "note": "Advice to stop a treatment belongs with your care team.",
            "days": 7,
        }
    )

    label: str
    pk: int
    action: Action
    note: str = ""
    days: int = 7


class ActionOut(Schema):
    model_config = example({"id": 1502, "action": "hide"})

    id: int
    action: str


@router.post("/reports", response={201: ReportOut, 429: Error})
def report_create(request, data: ReportIn):
    """Report an update, comment, question, answer, message (by id) or profile (public id)."""
    target = selectors.report_target_for(
        viewer=request.user, kind=data.kind, ref=data.ref, community=request.community
    )
    if policy.post_limit_hit(user=request.user, community=request.community, action="report"):
        return Status(429, {"detail": "Too many reports in the last hour."})
    report = services.report_create(
        reporter=request.user,
        community=request.community,
        target=target,
        reason=data.reason,
        details=data.details,
    )
    return Status(201, report)


@router.get("/queue", response=list[QueueEntryOut])
def queue(request):
    """For the community's moderators: held posts and open reports, highest risk first."""
    return [
        {
            "label": entry.label,
            "target_label": entry.label_lower,
            "target_id": entry.target.pk,
            "excerpt": entry.excerpt,
            "url": entry.url,
            "author_name": entry.author_name,
            "pending": entry.pending,
            "visibility": entry.visibility,
            "risk": entry.risk,
            "reasons": [report.reason for report in entry.reports],
            "created_at": entry.created_at,
        }
        for entry in selectors.queue_for(viewer=request.user, community=request.community)
    ]


@router.post("/actions", response={201: ActionOut, 400: Error})
def act(request, data: ActionIn):
    target = selectors.moderation_target_for(
        viewer=request.user, label_lower=data.label, pk=data.pk, community=request.community
    )
    if data.action not in selectors.actions_for_target(target=target):
        return Status(400, {"detail": "This action does not apply to this item."})
    if data.action in {Action.REJECT, Action.WARN, Action.SUSPEND} and not data.note.strip():
        return Status(400, {"detail": "A note to the member is required for this action."})
    logged = services.moderation_act(
        moderator=request.user,
        community=request.community,
        target=target,
        action=data.action,
        note=data.note,
        days=data.days,
    )
    return Status(201, logged)


class LogEntryOut(Schema):
    id: int
    created_at: datetime
    moderator_name: str
    action: str
    target_type: str
    target_id: int
    note: str


class LogPageOut(Schema):
    model_config = example(
        {
            "items": [
                {
                    "id": 1502,
                    "created_at": "2026-04-18T11:30:00Z",
                    "moderator_name": "Taylor",
                    "action": "hide",
                    "target_type": "comment",
                    "target_id": 1207,
                    "note": "Advice to stop a treatment belongs with your care team.",
                }
            ],
            "next_cursor": None,
        }
    )

    items: list[LogEntryOut]
    next_cursor: str | None


class SupportOut(Schema):
    model_config = example(
        {
            "crisis_resources": "If you are in danger now, call 999. Samaritans answer "
            "day and night on 116 123."
        }
    )

    crisis_resources: str


@router.get("/log", response={200: LogPageOut, 404: Error})
def log(request, cursor: str | None = None):
    """For moderators: every decision taken here, newest first."""
    rows = selectors.log_for(viewer=request.user, community=request.community, before=cursor)
    more = len(rows) == selectors.LOG_PAGE_SIZE
    items = [
        {
            "id": row.pk,
            "created_at": row.created_at,
            "moderator_name": getattr(getattr(row.moderator, "profile", None), "display_name", ""),
            "action": row.action,
            "target_type": row.target_type.model,
            "target_id": row.target_id,
            "note": row.note,
        }
        for row in rows
    ]
    return {"items": items, "next_cursor": cursor_for(rows[-1]) if more else None}


class GuestBlockOut(Schema):
    model_config = example(
        {
            "id": 31,
            "email": "guest.reader@example.org",
            "by_address": True,
            "note": "Links to a shop selling a cure.",
            "created_at": "2026-11-03T09:12:00Z",
        }
    )

    id: int
    email: str
    by_address: bool  # the connection the guest wrote from is blocked too
    note: str
    created_at: datetime


def _block_out(block) -> dict:
    return {
        "id": block.pk,
        "email": block.email,
        "by_address": bool(block.address_digest),
        "note": block.note,
        "created_at": block.created_at,
    }


@router.get("/guest-blocks", response={200: list[GuestBlockOut], 404: Error})
def guest_blocks(request):
    """For moderators: the guests blocked here (block one with the `block_guest` action)."""
    rows = selectors.guest_blocks_for(viewer=request.user, community=request.community)
    return [_block_out(block) for block in rows]


@router.delete("/guest-blocks/{int:pk}", response={204: None, 404: Error})
def guest_unblock(request, pk: int):
    """For moderators: lift a guest's block (kept in the log)."""
    block = selectors.guest_block_get_for(viewer=request.user, community=request.community, pk=pk)
    services.guest_unblock(moderator=request.user, community=request.community, block=block)
    return Status(204, None)


@router.get("/support", response={200: SupportOut, 404: Error}, auth=None)
def support(request):
    """Public: who to call or write to in a crisis, in the asker's language where we have it."""
    if request.community is None:
        raise Http404
    return {"crisis_resources": resources_for(community=request.community)}


class TeamMemberOut(Schema):
    model_config = example(
        {
            "public_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "name": "Priya (1b4e28ba)",
            "staff_role": "moderator",
            "removable": True,
        }
    )

    public_id: str
    name: str  # as moderators see members: the display name and the start of the public id
    staff_role: str  # "moderator" or "admin" (a community admin)
    removable: bool  # False for the only community admin


class TeamAppointIn(Schema):
    """`member`: their public id, their whole email address, or their display name (which
    must name exactly one member here). Appointing someone already on the team changes their
    role."""

    model_config = example({"member": "priya@example.org", "staff_role": "moderator"})

    member: str
    staff_role: Literal["moderator", "admin"]


def _team_member_out(membership) -> dict:
    return {
        "public_id": str(membership.user.public_id),
        "name": membership.name,
        "staff_role": membership.staff_role,
        "removable": membership.removable,
    }


@router.get("/team", response={200: list[TeamMemberOut], 404: Error})
def team(request):
    """For community admins: the community's moderators and admins, admins first."""
    rows = selectors.team_for(viewer=request.user, community=request.community)
    return [_team_member_out(row) for row in rows]


@router.post("/team", response={201: TeamMemberOut, 400: Error, 404: Error})
def team_appoint(request, data: TeamAppointIn):
    """For community admins: make a member here a moderator or a community admin; they get
    the desk at once and are told on the site and by email."""
    matches = selectors.team_matches_for(
        viewer=request.user, community=request.community, query=data.member, exact=True
    )
    if len(matches) != 1:
        detail = (
            "Several members here have that name: send their email address or public id."
            if matches
            else "No member here has that public id, email address or name."
        )
        return Status(400, {"detail": detail})
    (membership,) = matches
    try:
        services.team_appoint(
            admin=request.user,
            community=request.community,
            membership=membership,
            staff_role=data.staff_role,
        )
    except ValidationError as error:
        return Status(400, {"detail": error.messages[0]})
    rows = selectors.team_for(viewer=request.user, community=request.community)
    return Status(201, _team_member_out(next(row for row in rows if row.pk == membership.pk)))


@router.delete("/team/{public_id}", response={204: None, 400: Error, 404: Error})
def team_remove(request, public_id: str):
    """For community admins: take a member's moderator or admin role away here (the only
    community admin stays: 400)."""
    membership = selectors.team_member_get_for(
        viewer=request.user, community=request.community, public_id=public_id
    )
    try:
        services.team_remove(admin=request.user, community=request.community, membership=membership)
    except ValidationError as error:
        return Status(400, {"detail": error.messages[0]})
    return Status(204, None)
