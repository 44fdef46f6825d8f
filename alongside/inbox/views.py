from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.communities.access import member_required
from alongside.inbox import selectors, services
from alongside.inbox.forms import MessageForm
from alongside.moderation.notices import crisis_tell
from alongside.teams.selectors import other_member_get


@member_required
def inbox_list(request):
    page = selectors.inbox_for(
        viewer=request.user, community=request.community, before=request.GET.get("before")
    )
    unread = selectors.unread_total(viewer=request.user, community=request.community)
    return render(request, "inbox/list.html", {"page": page, "unread": unread})


@member_required
def start(request, public_id):
    """Open (or create) the conversation with a member, then go to it."""
    other = other_member_get(viewer=request.user, public_id=public_id, community=request.community)
    try:
        conversation = services.conversation_start(
            sender=request.user, recipient=other, community=request.community
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("inbox:list")
    return redirect(conversation)


@member_required
def conversation(request, pk: int):
    found = selectors.conversation_get_for(viewer=request.user, pk=pk, community=request.community)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _sent(request, found, form):
        return redirect(found)
    if request.method == "GET" and not request.GET.get("before"):
        services.conversation_read(user=request.user, conversation=found)
    return _page(request, found, form)


def _sent(request, found, form) -> bool:
    try:
        message = services.message_send(
            sender=request.user, conversation=found, body=form.cleaned_data["body"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    crisis_tell(request, message)
    return True


def _page(request, found, form):
    context = selectors.conversation_view_for(
        viewer=request.user, conversation=found, before=request.GET.get("before")
    )
    status = 400 if form.is_bound else 200
    context.update(conversation=found, form=form)
    return render(request, "inbox/conversation.html", context, status=status)


@member_required
@require_POST
def mute(request, pk: int):
    found = selectors.conversation_get_for(viewer=request.user, pk=pk, community=request.community)
    muted = request.POST.get("muted") == "1"
    services.conversation_mute(user=request.user, conversation=found, muted=muted)
    messages.success(request, _("Conversation muted.") if muted else _("Conversation unmuted."))
    return redirect(found)
