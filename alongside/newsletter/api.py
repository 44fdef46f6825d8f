from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from alongside.core import ratelimits
from alongside.core.schemas import Error, example, form_error
from alongside.newsletter import selectors, services
from alongside.newsletter.forms import PreferencesForm, SignupForm

router = Router(tags=["newsletter"])


class Sent(Schema):
    model_config = example(
        {
            "detail": "Thank you. Check your inbox: if this address is not subscribed yet, "
            "we sent it a link to confirm your subscription."
        }
    )

    detail: str


class SubscribeIn(Schema):
    model_config = example({"email": "reader@example.org", "topics": ["fatigue"]})

    email: str = ""
    topics: list[str] = Field([], max_length=50)


@router.post("/subscribe", response={202: Sent, 400: Error, 429: Error}, auth=None)
def newsletter_subscribe(request, data: SubscribeIn):
    """Public: start the double opt-in; we email a link that confirms the address.

    The answer is the same whether the address is new, waiting or subscribed already, so it
    tells nobody who reads the newsletter. `topics` are library topic slugs, kept until the
    address is confirmed. No CSRF token: like every auth=None route, this one reads no cookie
    (django-ninja checks CSRF only for cookie authentication). Limited to 10 sign-ups an hour
    per address, shared with the sign-up page.
    """
    form = SignupForm({"email": data.email})
    if not form.is_valid():
        return Status(400, {"detail": " ".join(str(error) for error in form.errors["email"])})
    topics = selectors.topics_by_slug(slugs=data.topics)
    unknown = sorted(set(data.topics) - {topic.slug for topic in topics})
    if unknown:
        return Status(400, {"detail": _unknown_topics(unknown)})
    if not services.signup_allowed(ip=ratelimits.client_ip(request)):
        return Status(429, {"detail": _("Too many sign-ups from your address. Try again later.")})
    services.subscriber_signup(
        community=request.community, email=form.cleaned_data["email"], topics=topics or None
    )
    return Status(202, {"detail": _sent_message()})


def _unknown_topics(slugs: list[str]) -> str:
    return _("These topics are not in the library: %(topics)s.") % {"topics": ", ".join(slugs)}


def _sent_message() -> str:
    return _(
        "Thank you. Check your inbox: if this address is not subscribed yet, we sent it a link "
        "to confirm your subscription."
    )


class PreferencesIO(Schema):
    model_config = example({"weekly_digest": True, "topics": ["fatigue", "exercise"]})

    weekly_digest: bool
    topics: list[str] = Field([], max_length=50)


def _preferences_out(subscriber) -> dict:
    topics = [topic.slug for topic in subscriber.topics.all()]
    return {"weekly_digest": subscriber.weekly_digest, "topics": topics}


@router.get("/preferences", response={200: PreferencesIO, 404: Error})
def preferences_read(request):
    """Your newsletter choices, if your account's address is subscribed here (else 404)."""
    subscriber = selectors.subscriber_for_member(user=request.user, community=request.community)
    return _preferences_out(subscriber)


@router.put("/preferences", response={200: PreferencesIO, 400: Error, 404: Error})
def preferences_update(request, data: PreferencesIO):
    """The weekly digest on or off, and the library topics (slugs) you care about most."""
    subscriber = selectors.subscriber_for_member(user=request.user, community=request.community)
    topics = selectors.topics_by_slug(slugs=data.topics)
    unknown = sorted(set(data.topics) - {topic.slug for topic in topics})
    if unknown:
        return Status(400, {"detail": _unknown_topics(unknown)})
    form = PreferencesForm(
        {"weekly_digest": data.weekly_digest, "topics": [topic.pk for topic in topics]}
    )
    if not form.is_valid():
        return form_error(form)
    services.subscriber_preferences_update(subscriber=subscriber, **form.cleaned_data)
    subscriber.refresh_from_db()
    return _preferences_out(subscriber)
