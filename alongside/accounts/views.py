from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.accounts import forms
from alongside.accounts.condition_checks import condition_warnings_for
from alongside.accounts.selectors import (
    PREVIEWS,
    avatar_get_for,
    devices_for,
    member_condition_slugs,
    profile_view_for,
)
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
from alongside.communities.selectors import membership_for
from alongside.communities.services import membership_create, membership_update
from alongside.core.audiences import VISITOR, can_see
from alongside.core.storage import private_picture_response

_STEP_TITLES = {
    "role": _("About you"),
    "diagnosis": _("Your diagnosis"),
    "conditions": _("Other conditions"),
    "name": _("Your name here"),
    "picture": _("A picture"),
    "privacy": _("Who sees what"),
}


@login_required
def onboarding(request):
    profile = profile_get_or_create(user=request.user)
    step = ONBOARDING_STEPS[min(profile.onboarding_step, len(ONBOARDING_STEPS) - 1)]
    return redirect("onboarding_step", step=step)


@login_required
def onboarding_step(request, step: str):
    if step not in ONBOARDING_STEPS:
        raise Http404
    profile = profile_get_or_create(user=request.user)
    membership = membership_for(user=request.user, community=request.community)
    if membership is None:
        membership = membership_create(user=request.user, community=request.community)
    form = _step_form(step, request, profile, membership)
    posted = request.method == "POST"
    if posted and ("skip" in request.POST or _save_step(step, form, profile, request)):
        return _after_step(request, profile, step)
    context = {**_step_context(step, form), "condition_warnings": getattr(form, "warnings", [])}
    return render(request, "accounts/onboarding.html", context)


def _step_form(step: str, request, profile, membership):
    data = request.POST if request.method == "POST" and "skip" not in request.POST else None
    files = request.FILES if data is not None else None
    if step == "role":
        return forms.RoleForm(data, instance=membership)
    if step == "diagnosis":
        return forms.DiagnosisForm(data, instance=membership)
    if step == "conditions":
        initial = {"conditions": member_condition_slugs(user=request.user)}
        exclude = request.community.condition_slug
        return forms.ConditionsForm(data, initial=initial, exclude=exclude)
    if step == "name":
        return forms.NameForm(data, instance=profile)
    if step == "picture":
        return forms.PictureForm(data, files)
    return _PrivacyForms(data, profile, membership)


class _PrivacyForms:
    """The profile and membership privacy forms shown and saved as one step."""

    def __init__(self, data, profile, membership):
        self.profile_form = forms.PrivacyForm(data, instance=profile, prefix="profile")
        self.membership_form = forms.MembershipPrivacyForm(
            data, instance=membership, prefix="membership"
        )

    def is_valid(self) -> bool:
        return self.profile_form.is_valid() & self.membership_form.is_valid()

    def apply(self) -> None:
        profile_update(profile=self.profile_form.instance, **self.profile_form.cleaned_data)
        membership_update(
            membership=self.membership_form.instance, **self.membership_form.cleaned_data
        )


def _save_step(step: str, form, profile, request) -> bool:
    if not form.is_valid():
        return False
    if step == "conditions":
        return _save_conditions(request, form)
    elif step == "picture":
        return _save_picture(form, profile)
    elif step == "role":
        membership_update(membership=form.instance, role=form.cleaned_data["role"])
    elif step == "diagnosis":
        membership_update(membership=form.instance, **form.cleaned_data)
    elif step == "privacy":
        form.apply()
    else:
        return _profile_save(form, profile, request.community)
    return True


def _profile_save(form, profile, community) -> bool:
    """Through the service (the link rule of "About me", the figures consent); a refusal is
    shown on the form."""
    try:
        profile_update(profile=profile, community=community, **form.cleaned_data)
    except ValidationError as error:
        form.add_error("about" if "about" in form.fields else None, error)
        return False
    return True


def _save_conditions(request, form) -> bool:
    if not _conditions_confirmed(request, form):
        return False
    member_conditions_set(user=request.user, slugs=form.cleaned_data["conditions"])
    return True


def _conditions_confirmed(request, form) -> bool:
    """False while a new condition needs a warning the member has not confirmed yet; the
    warnings are then kept on the form for the page to show."""
    slugs = form.cleaned_data["conditions"]
    warnings = condition_warnings_for(user=request.user, community=request.community, slugs=slugs)
    if warnings and request.POST.get("confirm_conditions") != "yes":
        form.warnings = warnings
        return False
    return True


def _save_picture(form, profile) -> bool:
    upload = form.cleaned_data.get("avatar")
    if upload is False:
        profile_avatar_remove(profile=profile)
    elif upload:
        try:
            profile_avatar_set(profile=profile, upload=upload)
        except ValidationError as error:
            form.add_error("avatar", error)
            return False
    return True


def _after_step(request, profile, step: str):
    onboarding_advance(profile=profile, step=step)
    if "back" in request.POST:
        index = max(ONBOARDING_STEPS.index(step) - 1, 0)
        return redirect("onboarding_step", step=ONBOARDING_STEPS[index])
    index = ONBOARDING_STEPS.index(step) + 1
    if index < len(ONBOARDING_STEPS):
        return redirect("onboarding_step", step=ONBOARDING_STEPS[index])
    messages.success(request, _("Welcome! Your profile is ready."))
    return redirect("home")


def _step_context(step: str, form) -> dict:
    index = ONBOARDING_STEPS.index(step)
    return {
        "step": step,
        "form": form,
        "number": index + 1,
        "total": len(ONBOARDING_STEPS),
        "title": _STEP_TITLES[step],
        "previous": ONBOARDING_STEPS[index - 1] if index else None,
        "steps": [(name, _STEP_TITLES[name]) for name in ONBOARDING_STEPS],
        "is_last": index == len(ONBOARDING_STEPS) - 1,
    }


def profile(request, public_id):
    preview = request.GET.get("as")
    view = profile_view_for(
        viewer=request.user, public_id=public_id, community=request.community, preview=preview
    )
    is_owner = request.user.is_authenticated and str(request.user.public_id) == view.public_id
    return render(
        request,
        "accounts/profile.html",
        {
            "profile": view,
            "is_owner": is_owner,
            "preview": preview if is_owner and preview in PREVIEWS else None,
            "previews": PREVIEWS,
        },
    )


def profile_picture(request, public_id):
    """Profile pictures are never at a public address: each request applies their audience."""
    profile = avatar_get_for(viewer=request.user, public_id=public_id, community=request.community)
    return private_picture_response(
        profile.avatar, public=can_see(VISITOR, profile.avatar_audience)
    )


@login_required
def settings_profile(request):
    profile = profile_get_or_create(user=request.user)
    membership = membership_for(user=request.user, community=request.community)
    about = forms.AboutForm(request.POST or None, instance=profile, prefix="about")
    picture = forms.PictureForm(request.POST or None, request.FILES or None, prefix="picture")
    exclude = request.community.condition_slug
    initial = {"conditions": member_condition_slugs(user=request.user)}
    conditions = forms.ConditionsForm(
        request.POST or None, initial=initial, exclude=exclude, prefix="conditions"
    )
    diagnosis = forms.DiagnosisForm(request.POST or None, instance=membership, prefix="diagnosis")
    if request.method == "POST" and _save_settings(
        request, profile, about, picture, conditions, diagnosis
    ):
        messages.success(request, _("Your profile is saved."))
        return redirect("settings_profile")
    context = {"about": about, "picture": picture, "conditions": conditions, "diagnosis": diagnosis}
    context["condition_warnings"] = getattr(conditions, "warnings", [])
    return render(request, "accounts/settings_profile.html", {**context, "profile": profile})


def _save_settings(request, profile, about, picture, conditions, diagnosis) -> bool:
    valid = about.is_valid() & picture.is_valid() & conditions.is_valid()
    valid &= diagnosis.instance.pk is None or diagnosis.is_valid()
    if not valid or not _conditions_confirmed(request, conditions):
        return False
    if not _save_picture(picture, profile):
        return False
    if not _profile_save(about, profile, request.community):
        return False
    member_conditions_set(user=request.user, slugs=conditions.cleaned_data["conditions"])
    if diagnosis.instance.pk:
        membership_update(membership=diagnosis.instance, **diagnosis.cleaned_data)
    return True


@login_required
def settings_privacy(request):
    profile = profile_get_or_create(user=request.user)
    membership = membership_for(user=request.user, community=request.community)
    form = _PrivacyForms(request.POST or None, profile, membership)
    if request.method == "POST" and form.is_valid():
        form.apply()
        messages.success(request, _("Your privacy choices are saved."))
        return redirect("settings_privacy")
    return render(request, "accounts/settings_privacy.html", {"form": form, "profile": profile})


@login_required
def settings_data(request):
    return render(request, "accounts/settings_data.html")


@login_required
@require_POST
def data_export(request):
    archive = account_export(user=request.user)
    stamp = timezone.now().strftime("%Y-%m-%d")
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="alongside-export-{stamp}.zip"'
    return response


@reauthentication_required
def account_delete_view(request):
    form = forms.DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["posts"] == "keep"
        account_delete(request=request, user=request.user, keep_posts=keep)
        messages.success(request, _("Your account has been erased. Take care."))
        return redirect("home")
    return render(request, "accounts/settings_delete.html", {"form": form})


@login_required
@require_POST
def join(request):
    """An existing account joins the community of this site."""
    membership_create(user=request.user, community=request.community)
    profile_get_or_create(user=request.user)
    messages.success(
        request, _("Welcome to %(community)s.") % {"community": request.community.name}
    )
    return redirect("onboarding_step", step="role")


@login_required
def settings_devices(request):
    """Signed-in browsers and apps; any of them can be signed out from here."""
    if request.method == "POST":
        return _devices_sign_out(request)
    devices = devices_for(viewer=request.user, current_session_key=request.session.session_key)
    return render(request, "accounts/settings_devices.html", {"devices": devices})


def _devices_sign_out(request):
    device = request.POST.get("device", "")
    if device == "others":
        ended = device_sign_out(user=request.user, keep_session_key=request.session.session_key)
        messages.success(request, _("Signed out everywhere else (%(n)d).") % {"n": ended})
    elif device.isdigit() and device_sign_out(user=request.user, device_id=int(device)):
        messages.success(request, _("That device is signed out."))
    else:
        messages.error(request, _("That session had already ended."))
    return redirect("settings_devices")
