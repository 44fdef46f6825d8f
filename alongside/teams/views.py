from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.communities.access import member_required, safe_next
from alongside.teams import selectors, services


def _member_here(request, public_id):
    return selectors.other_member_get(
        viewer=request.user, public_id=public_id, community=request.community
    )


def _done(request, text: str, default: str = ""):
    messages.success(request, text)
    return redirect(safe_next(request, default or "/team/"))


@member_required
def team(request):
    context = selectors.team_page_for(viewer=request.user, community=request.community)
    return render(request, "teams/team.html", context)


@member_required
@require_POST
def request_send(request, public_id):
    other = _member_here(request, public_id)
    try:
        services.team_request_send(
            sender=request.user, recipient=other, community=request.community
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(safe_next(request, "/team/"))
    return _done(request, _("Your team request is sent."))


_ANSWERS = {
    "accept": (services.team_request_accept, _("You are now in each other's team.")),
    "decline": (services.team_request_decline, _("Request declined.")),
    "withdraw": (services.team_request_withdraw, _("Request withdrawn.")),
}


@member_required
@require_POST
def request_answer(request, pk: int, action: str):
    if action not in _ANSWERS:
        raise Http404
    found = selectors.team_request_get_for(viewer=request.user, pk=pk, community=request.community)
    service, text = _ANSWERS[action]
    try:
        service(team_request=found, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("teams:team")
    return _done(request, text)


@member_required
@require_POST
def member_remove(request, public_id):
    other = _member_here(request, public_id)
    services.team_member_remove(user=request.user, other=other, community=request.community)
    return _done(request, _("Removed from your team."))


@member_required
@require_POST
def block(request, public_id):
    other = _member_here(request, public_id)
    services.block_create(blocker=request.user, blocked=other, community=request.community)
    return _done(request, _("Blocked. They can no longer see your posts or contact you."))


@member_required
@require_POST
def unblock(request, public_id):
    other = _member_here(request, public_id)
    services.block_delete(blocker=request.user, blocked=other, community=request.community)
    return _done(request, _("Unblocked."))
