"""Every write to accounts, profiles and member conditions."""

import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth import logout
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from alongside.accounts.conditions import conditions_by_slug
from alongside.accounts.models import MemberCondition, Profile, User
from alongside.accounts.signals import figures_consent_changed
from alongside.communities.models import Community
from alongside.communities.services import membership_delete
from alongside.communities.trust import links_refuse
from alongside.core import privacy
from alongside.core.images import image_clean

ONBOARDING_STEPS = ("role", "diagnosis", "conditions", "name", "picture", "privacy")


def profile_get_or_create(*, user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def profile_update(
    *, profile: Profile, community: Community | None = None, **fields: Any
) -> Profile:
    """Change profile fields, whatever the entry point (settings, onboarding, API).

    "About me" follows the new-member link rule of the community it is edited in. A change of
    consent to count in figures tells the apps whose figures rest on it, once committed.
    """
    # A ModelForm has already copied its data onto `profile`: compare with what is stored.
    stored: Mapping[str, Any] = Profile.objects.filter(pk=profile.pk).values(
        "about", "count_in_figures"
    ).first() or {"about": "", "count_in_figures": None}
    if community is not None and fields.get("about", stored["about"]) != stored["about"]:
        links_refuse(user=profile.user, community=community, text=fields["about"])
    consent = fields.get("count_in_figures", stored["count_in_figures"])
    consent_changed = consent != stored["count_in_figures"]
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["avatar"])
    profile.save(update_fields=[*fields, "updated_at"])
    if consent_changed:
        user = profile.user
        transaction.on_commit(lambda: figures_consent_changed.send(sender=Profile, user=user))
    return profile


def profile_avatar_set(*, profile: Profile, upload: UploadedFile) -> Profile:
    """Store a cleaned copy of the picture (raises ValidationError with a member-facing reason)."""
    clean = image_clean(upload)
    old = profile.avatar.name if profile.avatar else None
    profile.avatar.save(clean.name, clean, save=False)
    profile.save(update_fields=["avatar", "updated_at"])
    if old:
        profile.avatar.storage.delete(old)
    return profile


def profile_avatar_remove(*, profile: Profile) -> Profile:
    if profile.avatar:
        profile.avatar.delete(save=False)
        profile.save(update_fields=["avatar", "updated_at"])
    return profile


def member_conditions_set(*, user: User, slugs: list[str]) -> list[MemberCondition]:
    """Replace the member's other conditions with `slugs` (unknown slugs are ignored)."""
    known = conditions_by_slug()
    wanted = {slug for slug in slugs if slug in known}
    with transaction.atomic():
        MemberCondition.objects.filter(user=user).exclude(slug__in=wanted).delete()
        have = set(MemberCondition.objects.filter(user=user).values_list("slug", flat=True))
        MemberCondition.objects.bulk_create(
            [MemberCondition(user=user, slug=s, code=known[s].code) for s in wanted - have]
        )
    return list(MemberCondition.objects.filter(user=user))


def onboarding_advance(*, profile: Profile, step: str) -> Profile:
    """Record that a step was saved or skipped; the last step finishes onboarding."""
    index = ONBOARDING_STEPS.index(step) + 1
    profile.onboarding_step = max(profile.onboarding_step, index)
    fields = ["onboarding_step", "updated_at"]
    if index == len(ONBOARDING_STEPS) and profile.onboarded_at is None:
        profile.onboarded_at = timezone.now()
        fields.append("onboarded_at")
    profile.save(update_fields=fields)
    return profile


def profile_export(user: User) -> dict:
    profile = profile_get_or_create(user=user)
    memberships = user.memberships.select_related("community")
    return {
        "account": {"email": user.email, "joined": user.date_joined, "last_login": user.last_login},
        "profile": {
            name: getattr(profile, name)
            for name in (
                "display_name",
                "display_name_audience",
                "about",
                "about_audience",
                "region",
                "region_audience",
                "avatar_audience",
                "conditions_audience",
                "count_in_figures",
                "time_zone",
                "onboarded_at",
            )
        },
        "conditions": [
            {"slug": c.slug, "icd10cm": c.code, "added": c.added_at}
            for c in MemberCondition.objects.filter(user=user)
        ],
        "memberships": [
            {
                "community": m.community.name,
                "role": m.role,
                "staff_role": m.staff_role,
                "role_audience": m.role_audience,
                "diagnosis_year": m.diagnosis_year,
                "diagnosis_year_audience": m.diagnosis_year_audience,
                "condition_type": m.condition_type,
                "condition_type_audience": m.condition_type_audience,
                "joined": m.joined_at,
            }
            for m in memberships
        ],
        "files": [profile.avatar] if profile.avatar else [],
    }


def profile_erase(user: User, *, keep_posts: bool) -> None:
    profile = getattr(user, "profile", None)
    if profile is not None and profile.avatar:
        profile.avatar.delete(save=False)
    MemberCondition.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()


def account_export(*, user: User) -> bytes:
    """A ZIP of everything held about the member: data.json and their pictures."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = {}
        for contributor in privacy.contributors():
            section = contributor.export(user)
            for file in section.pop("files", []):
                _add_file(archive, contributor.name, file)
            data[contributor.name] = section
        data["exported_at"] = timezone.now()
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2))
    return buffer.getvalue()


def _add_file(archive: zipfile.ZipFile, section: str, file) -> None:
    name = PurePosixPath(file.name).name
    with file.open("rb") as handle:
        archive.writestr(f"pictures/{section}/{name}", handle.read())


def account_delete(*, request: HttpRequest, user: User, keep_posts: bool) -> None:
    """Erase the account. With keep_posts, posts stay, shown as an anonymous member."""
    with transaction.atomic():
        for contributor in privacy.contributors():
            contributor.erase(user=user, keep_posts=keep_posts)
        for membership in user.memberships.all():
            membership_delete(membership=membership)
        if keep_posts:
            _deactivate(user)
        else:
            user.delete()
    logout(request)


def _deactivate(user: User) -> None:
    """Keep the row that anonymised posts point to, with nothing personal left on it."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = f"erased-{user.public_id}@invalid"
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.save()


def device_sign_out(
    *, user: User, device_id: int | None = None, keep_session_key: str | None = None
) -> int:
    """End one of the member's sessions (`device_id`), or all but `keep_session_key`.

    Ending a session deletes it from the session store, so an app's token stops working at
    once. Returns how many were ended (0 when the id is not one of this member's)."""
    sessions = UserSession.objects.filter(user_id=user.pk)
    if device_id is not None:
        sessions = sessions.filter(pk=device_id)
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    ended = 0
    for session in sessions:
        session.end()
        ended += 1
    return ended
