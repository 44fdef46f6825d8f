"""The member's own account in the JSON API: profile and its audiences, picture, privacy,
joining and onboarding, export and erasure. Each route goes through the settings pages' forms
and services, so a route and its page accept and refuse the same input."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status, UploadedFile
from pydantic import ConfigDict

from alongside.accounts import forms
from alongside.accounts.selectors import avatar_get_for, member_condition_slugs, profile_view_for
from alongside.accounts.services import (
    ONBOARDING_STEPS,
    account_delete,
    account_export,
    device_sign_out,
    member_conditions_set,
    onboarding_advance,
    profile_avatar_remove,
    profile_avatar_set,
    profile_get_or_create,
    profile_update,
)
from alongside.communities.access import require_member
from alongside.communities.models import Membership
from alongside.communities.selectors import membership_for
from alongside.communities.services import membership_create, membership_update
from alongside.core.audiences import VISITOR, can_see
from alongside.core.models import Audience
from alongside.core.schemas import PICTURE_RESPONSE, Error, example, form_error
from alongside.core.storage import private_picture_response

router = Router(tags=["me"])

_API_MEMBERS = "/api/v1/community/members"


class ProfileOut(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "public_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                    "name": "Sam",
                    "is_anonymised": False,
                    "avatar_url": None,
                    "about": "Diagnosed in 2019; I walk every morning.",
                    "region": "Leeds",
                    "role": "Living with the condition",
                    "diagnosis_year": 2019,
                    "conditions": ["Migraine"],
                }
            ]
        }
    )

    public_id: str
    name: str
    is_anonymised: bool
    avatar_url: str | None
    about: str | None
    region: str | None
    role: str | None
    diagnosis_year: int | None
    conditions: list[str] | None

    @staticmethod
    def resolve_avatar_url(view) -> str | None:
        # Apps fetch the picture through the API route (token auth), with the same check.
        if not view.avatar_url:
            return None
        version = view.avatar_url.partition("?")[2]
        return f"{_API_MEMBERS}/{view.public_id}/picture?{version}"


class ProfileIn(Schema):
    """Fields left out stay as they are. `conditions` are condition slugs (other than this
    community's); `role` is living_with or loved_one."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "display_name": "Sam",
                    "about": "Diagnosed in 2019; I walk every morning.",
                    "region": "Leeds",
                    "role": "living_with",
                    "diagnosis_year": 2019,
                    "conditions": ["migraine"],
                }
            ]
        }
    )

    display_name: str | None = None
    about: str | None = None
    region: str | None = None
    role: str | None = None
    diagnosis_year: int | None = None
    conditions: list[str] | None = None


class PrivacyIO(Schema):
    """Who sees each profile field: public, members or team (about, region, conditions, role,
    type of the condition and diagnosis year are never public); and whether you count in the
    community's figures."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "display_name_audience": "members",
                    "avatar_audience": "team",
                    "about_audience": "members",
                    "region_audience": "team",
                    "conditions_audience": "team",
                    "role_audience": "members",
                    "condition_type_audience": "members",
                    "diagnosis_year_audience": "team",
                    "count_in_figures": True,
                }
            ]
        }
    )

    display_name_audience: Audience
    avatar_audience: Audience
    about_audience: Audience
    region_audience: Audience
    conditions_audience: Audience
    role_audience: Audience
    condition_type_audience: Audience
    diagnosis_year_audience: Audience
    count_in_figures: bool


class JoinedOut(Schema):
    model_config = example({"community": "ms", "onboarding_step": "role"})

    community: str
    onboarding_step: str | None


class OnboardingOut(Schema):
    """Where the member is in onboarding. Each step's data is saved through PATCH /me/profile
    (role, diagnosis, conditions, name), the picture routes and PUT /me/privacy; then
    POST /me/onboarding/{step} records the step as done (or skipped)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"steps": list(ONBOARDING_STEPS), "next_step": "name", "finished": False}]
        }
    )

    steps: list[str]
    next_step: str | None
    finished: bool


class DeleteIn(Schema):
    """Your password again, and what happens to your posts: keep (shown as an anonymous
    member) or remove."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"password": "your password", "posts": "keep"}]}
    )

    password: str
    posts: str = "keep"
    confirm: bool = True


def _member_profile(request):
    require_member(user=request.user, community=request.community)
    return profile_get_or_create(user=request.user)


def _own_membership(request) -> Membership:
    """The member's membership here; routes ask for it after `_member_profile`."""
    membership = membership_for(user=request.user, community=request.community)
    if membership is None:
        raise Http404
    return membership


def _own_view(request):
    return profile_view_for(
        viewer=request.user, public_id=request.user.public_id, community=request.community
    )


@router.get("/profile", response={200: ProfileOut, 404: Error})
def my_profile(request):
    """The signed-in member's own profile in this community, every field included."""
    return _own_view(request)


@router.patch("/profile", response={200: ProfileOut, 400: Error, 404: Error})
def profile_edit(request, data: ProfileIn):
    """Change your name, About me, region, role, year of diagnosis and other conditions."""
    profile = _member_profile(request)
    membership = _own_membership(request)
    given = data.dict(exclude_unset=True)
    about = {k: given.get(k, getattr(profile, k)) for k in ("display_name", "about", "region")}
    checks = [
        forms.AboutForm(about, instance=profile),
        forms.RoleForm({"role": given.get("role", membership.role)}, instance=membership),
        forms.DiagnosisForm(
            {"diagnosis_year": given.get("diagnosis_year", membership.diagnosis_year)},
            instance=membership,
        ),
        forms.ConditionsForm(
            {"conditions": given.get("conditions", member_condition_slugs(user=request.user))},
            exclude=request.community.condition_slug,
        ),
    ]
    for form in checks:
        if not form.is_valid():
            return form_error(form)
    about_form, role_form, diagnosis_form, conditions_form = checks
    try:
        profile_update(profile=profile, community=request.community, **about_form.cleaned_data)
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    membership_update(
        membership=membership, **role_form.cleaned_data, **diagnosis_form.cleaned_data
    )
    member_conditions_set(user=request.user, slugs=conditions_form.cleaned_data["conditions"])
    return _own_view(request)


@router.post("/profile/picture", response={200: ProfileOut, 400: Error, 404: Error})
def picture_set(request, picture: File[UploadedFile]):
    """Upload your profile picture (JPEG, PNG, WebP or HEIC; location data is removed)."""
    profile = _member_profile(request)
    form = forms.PictureForm({}, MultiValueDict({"avatar": [picture]}))
    if not form.is_valid():
        return form_error(form)
    try:
        profile_avatar_set(profile=profile, upload=form.cleaned_data["avatar"])
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return _own_view(request)


@router.delete("/profile/picture", response={204: None, 404: Error})
def picture_remove(request):
    profile_avatar_remove(profile=_member_profile(request))
    return Status(204, None)


def _privacy_out(profile, membership) -> dict:
    return {
        **{name: getattr(profile, name) for name in forms.PrivacyForm.Meta.fields},
        **{name: getattr(membership, name) for name in forms.MembershipPrivacyForm.Meta.fields},
    }


@router.get("/privacy", response={200: PrivacyIO, 404: Error})
def privacy_read(request):
    profile = _member_profile(request)
    return _privacy_out(profile, membership_for(user=request.user, community=request.community))


@router.put("/privacy", response={200: PrivacyIO, 400: Error, 404: Error})
def privacy_update(request, data: PrivacyIO):
    """Who sees each field of your profile, and whether you count in figures."""
    profile = _member_profile(request)
    membership = _own_membership(request)
    values = data.dict()
    profile_form = forms.PrivacyForm(values, instance=profile)
    membership_form = forms.MembershipPrivacyForm(values, instance=membership)
    for form in (profile_form, membership_form):
        if not form.is_valid():
            return form_error(form)
    profile_update(profile=profile, **profile_form.cleaned_data)
    membership_update(membership=membership, **membership_form.cleaned_data)
    return _privacy_out(profile, membership)


@router.get("/onboarding", response=OnboardingOut)
def onboarding(request):
    profile = profile_get_or_create(user=request.user)
    index = profile.onboarding_step
    next_step = ONBOARDING_STEPS[index] if index < len(ONBOARDING_STEPS) else None
    return {
        "steps": list(ONBOARDING_STEPS),
        "next_step": next_step,
        "finished": profile.onboarded_at is not None,
    }


@router.post("/onboarding/{step}", response={200: OnboardingOut, 404: Error})
def onboarding_step(request, step: str):
    """Record a step as done (its data saved through the routes above) or skipped."""
    if step not in ONBOARDING_STEPS:
        raise Http404
    onboarding_advance(profile=_member_profile(request), step=step)
    return onboarding(request)


@router.post(
    "/export",
    response={404: Error},
    openapi_extra={
        "responses": {
            "200": {
                "description": "A ZIP of everything you gave the site (JSON and your pictures).",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def data_export(request):
    """Download your data: the same ZIP as Settings > Your data."""
    archive = account_export(user=request.user)
    stamp = timezone.now().strftime("%Y-%m-%d")
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="alongside-export-{stamp}.zip"'
    return response


@router.post("/delete", response={204: None, 400: Error, 403: Error})
def account_erase(request, data: DeleteIn):
    """Erase your account. Asks for your password again, as the page asks you to sign in
    again; every session and app token of the account ends."""
    form = forms.DeleteAccountForm({"posts": data.posts, "confirm": data.confirm})
    if not form.is_valid():
        return form_error(form)
    if not request.user.check_password(data.password):
        return Status(403, {"detail": _("That password is not right.")})
    user = request.user
    device_sign_out(user=user)
    account_delete(request=request, user=user, keep_posts=form.cleaned_data["posts"] == "keep")
    return Status(204, None)


# Mounted under /community beside the communities router: a member's profile is accounts'
# (communities sits below accounts and shows no profile).
members_router = Router(tags=["community"])


@members_router.get("/members/{public_id}", response={200: ProfileOut, 404: Error})
def member_profile(request, public_id: UUID):
    """A member's profile, with only the fields their audience settings allow the caller."""
    return profile_view_for(viewer=request.user, public_id=public_id, community=request.community)


@members_router.get(
    "/members/{public_id}/picture", response={404: Error}, openapi_extra=PICTURE_RESPONSE
)
def member_picture(request, public_id: UUID):
    """A member's profile picture, if its audience includes you."""
    profile = avatar_get_for(viewer=request.user, public_id=public_id, community=request.community)
    return private_picture_response(
        profile.avatar, public=can_see(VISITOR, profile.avatar_audience)
    )


@members_router.post("/join", response={201: JoinedOut, 404: Error})
def join(request):
    """Join the community of this site with your account; onboarding comes next."""
    if request.community is None:
        raise Http404
    membership_create(user=request.user, community=request.community)
    profile = profile_get_or_create(user=request.user)
    index = min(profile.onboarding_step, len(ONBOARDING_STEPS) - 1)
    step = None if profile.onboarded_at else ONBOARDING_STEPS[index]
    return Status(201, {"community": request.community.slug, "onboarding_step": step})
