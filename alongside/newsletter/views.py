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
    if form.is_spam() or not services.signup_allowed(ip=ratelimits.client_ip(request)):
        return redirect("newsletter:thanks")
    # The same answer whether the address is new, waiting or subscribed already: whether
    # someone reads a condition's newsletter is theirs to tell. The email says which it was.
    services.subscriber_signup(community=request.community, email=form.cleaned_data["email"])
    return redirect("newsletter:thanks")


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
