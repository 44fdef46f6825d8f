from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from alongside.communities.selectors import is_member
from alongside.notifications import selectors, services
from alongside.notifications.emails import unsubscribe_read
from alongside.notifications.forms import PreferencesForm


@login_required
def notification_list(request):
    page = selectors.notifications_for(
        viewer=request.user, community=request.community, before=request.GET.get("before")
    )
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_open(request, pk: int):
    """Follow a notification: it counts as read."""
    notification = selectors.notification_get_for(
        viewer=request.user, pk=pk, community=request.community
    )
    services.notifications_mark_read(
        recipient=request.user, community=request.community, pks=[notification.pk]
    )
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return redirect(notification.url if safe and notification.url else "notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    if not is_member(user=request.user, community=request.community):
        raise Http404
    services.notifications_mark_read(recipient=request.user, community=request.community)
    messages.success(request, _("All notifications marked as read."))
    return redirect("notifications:list")


@login_required
def preferences(request):
    initial = selectors.frequencies_for(user=request.user)
    form = PreferencesForm(request.POST or None, initial_frequencies=initial)
    if request.method == "POST" and form.is_valid():
        for kind, frequency in form.cleaned_data.items():
            services.preference_set(user=request.user, kind=kind, frequency=frequency)
        messages.success(request, _("Your email choices are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


@csrf_exempt
def unsubscribe(request, token: str):
    """RFC 8058: mail clients POST here with no cookie and no CSRF token; the signed token
    is the authority. A GET only asks, so link scanners cannot unsubscribe anyone."""
    found = unsubscribe_read(token)
    if found is None:
        raise Http404
    user_pk, kinds = found
    if request.method == "POST":
        services.preferences_never(user_pk=user_pk, kinds=kinds)
        return render(request, "notifications/unsubscribed.html")
    return render(request, "notifications/unsubscribe.html", {"kinds": kinds})
