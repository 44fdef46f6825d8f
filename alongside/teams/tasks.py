from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from alongside.notifications.models import Kind
from alongside.notifications.services import notification_create
from alongside.teams.models import RequestStatus, TeamRequest
from alongside.teams.selectors import name_for, teammate_ids


def _name(viewer, owner, community) -> str:
    teammates = teammate_ids(user=viewer, community=community)
    return name_for(viewer_id=viewer.pk, owner=owner, community=community, teammates=teammates)


@task()
def notify_team_request(request_pk: int) -> None:
    """Idempotent: one notification per request (dedupe key)."""
    found = TeamRequest.objects.select_related("sender__profile", "recipient", "community")
    request = found.filter(pk=request_pk, status=RequestStatus.PENDING).first()
    if request is None:
        return
    name = _name(request.recipient, request.sender, request.community)
    notification_create(
        recipient=request.recipient,
        community=request.community,
        kind=Kind.TEAM_REQUEST,
        text=_("%(name)s would like you in their team.") % {"name": name},
        dedupe_key=f"team_request:{request.pk}",
        actor=request.sender,
        url=reverse("teams:team"),
    )


@task()
def notify_team_accepted(request_pk: int) -> None:
    found = TeamRequest.objects.select_related("recipient__profile", "sender", "community")
    request = found.filter(pk=request_pk, status=RequestStatus.ACCEPTED).first()
    if request is None:
        return
    name = _name(request.sender, request.recipient, request.community)
    notification_create(
        recipient=request.sender,
        community=request.community,
        kind=Kind.TEAM_REQUEST,
        text=_("%(name)s is now in your team.") % {"name": name},
        dedupe_key=f"team_accepted:{request.pk}",
        actor=request.recipient,
        url=reverse("teams:team"),
    )
