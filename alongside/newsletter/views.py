from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alongside.core import ratelimits
from alongside.newsletter import selectors, services
from alongside.newsletter.forms import PreferencesForm, SignupForm


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "newsletter/subscribe.html", {"form": form}, status=status)
    if form.is_spam() or not _allowed(request):
        return redirect("newsletter:thanks")
    _subscriber, result = services.subscriber_signup(
        community=request.community, email=form.cleaned_data["email"]
    )
    if result == services.SignupResult.ALREADY:
        messages.info(request, _("You are already subscribed with that address. Thank you!"))
    return redirect("newsletter:thanks")


def _allowed(request) -> bool:
    return ratelimits.allow(
        scope="newsletter-ip", key=ratelimits.client_ip(request), limit=10, seconds=3600
    )


def thanks(request):
    return render(request, "newsletter/thanks.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    if request.method == "GET":
        return render(request, "newsletter/confirm.html", {"token": token})
    try:
        subscriber = services.subscriber_confirm(token=token)
    except ValidationError as error:
        return render(
            request,
            "newsletter/confirm.html",
            {"error": error.messages[0], "form": SignupForm()},
            status=400,
        )
    return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" with no cookies
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = selectors.subscriber_by_token(token=token, community=request.community)
    if request.method == "POST":
        services.subscriber_unsubscribe(subscriber=subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You are unsubscribed."), content_type="text/plain")
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = selectors.subscriber_by_token(token=token, community=request.community)
    initial = {"weekly_digest": subscriber.weekly_digest, "topics": subscriber.topics.all()}
    data = request.POST if request.method == "POST" else None
    form = PreferencesForm(data, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.subscriber_preferences_update(subscriber=subscriber, **form.cleaned_data)
        messages.success(request, _("Your preferences are saved."))
        return redirect("newsletter:preferences", subscriber.token)
    return render(request, "newsletter/preferences.html", {"form": form, "subscriber": subscriber})
