"""Demo log-ins: one of each kind of person who uses Alongside. Staff come with TOTP."""

import base64
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.accounts.services import member_conditions_set, profile_get_or_create
from alongside.articles.roles import (
    COMMUNITY_ADMINS,
    EDITORS,
    MODERATORS,
    REVIEWERS,
    ROLES,
    staff_roles_apply,
)
from alongside.communities.models import Community, Role, StaffRole
from alongside.communities.services import membership_create, membership_update
from alongside.core.models import Audience
from alongside.treatments.roles import EDITORS as CLINICAL_EDITORS

DEMO_PASSWORD = "alongside-demo"  # noqa: S105 - printed for the demo on purpose


@dataclass(frozen=True)
class DemoAccount:
    key: str
    email: str
    display_name: str
    role: str | None
    staff_groups: tuple[str, ...] = ()
    staff_role: str = StaffRole.NONE
    conditions: tuple[str, ...] = ()
    about: str = ""


ACCOUNTS = (
    DemoAccount(
        "member",
        "member@demo.alongside.localhost",
        "Rowan",
        Role.LIVING_WITH,
        conditions=("fibromyalgia", "migraine"),
        about="Diagnosed in my thirties. Gardener, slow walker, tea enthusiast.",
    ),
    DemoAccount(
        "carer",
        "carer@demo.alongside.localhost",
        "Sam (Jo's partner)",
        Role.LOVED_ONE,
        about="My partner Jo has relapsing MS. Here to learn and to help.",
    ),
    DemoAccount(
        "moderator",
        "moderator@demo.alongside.localhost",
        "Priya (moderator)",
        Role.LIVING_WITH,
        staff_groups=(MODERATORS,),
        staff_role=StaffRole.MODERATOR,
        conditions=("depression",),
        about="Volunteer moderator. Living with MS since 2012.",
    ),
    # Staff roles are not community roles: the editor drafts articles and reads no member's
    # posts or reports.
    DemoAccount(
        "editor",
        "editor@demo.alongside.localhost",
        "Marta Quill (editor)",
        None,
        staff_groups=(EDITORS,),
    ),
    # Each reviewer approves under their own people page (articles/demo.py links them).
    DemoAccount(
        "reviewer",
        "reviewer@demo.alongside.localhost",
        "Dr Nkechi Farrow",
        None,
        staff_groups=(REVIEWERS,),
    ),
    DemoAccount(
        "reviewer2",
        "reviewer2@demo.alongside.localhost",
        "Dr Henrik Aldana",
        None,
        staff_groups=(REVIEWERS,),
    ),
    # Edits the treatment knowledge base in the staff console; a medical reviewer approves.
    DemoAccount(
        "pharmacist",
        "pharmacist@demo.alongside.localhost",
        "Amara Okafor (pharmacist)",
        None,
        staff_groups=(CLINICAL_EDITORS,),
    ),
    DemoAccount(
        "admin",
        "admin@demo.alongside.localhost",
        "Jonah (community admin)",
        Role.LOVED_ONE,
        staff_groups=(COMMUNITY_ADMINS,),
        staff_role=StaffRole.ADMIN,
        about="Runs the MS community's settings and staff.",
    ),
)
# Which demo reviewer account approves as which people page.
DEMO_REVIEWERS = {
    "nkechi-farrow": "reviewer@demo.alongside.localhost",
    "henrik-aldana": "reviewer2@demo.alongside.localhost",
}


def reviewer_accounts_ensure() -> dict[str, User]:
    """The demo reviewers' accounts by the slug of the people page each approves as."""
    specs = {spec.email: spec for spec in ACCOUNTS}
    return {slug: _account_ensure(specs[email], []) for slug, email in DEMO_REVIEWERS.items()}


def totp_secret_for(email: str) -> str:
    """A stable secret per demo account, so the demo's codes survive a reload. Demo only."""
    digest = hashlib.sha256(f"alongside-demo-totp:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


def demo_accounts_ensure(communities: list[Community]) -> list[tuple[DemoAccount, User]]:
    staff_groups_ensure()
    return [(spec, _account_ensure(spec, communities)) for spec in ACCOUNTS]


def staff_groups_ensure() -> dict[str, Group]:
    """The staff groups, each with exactly its role's rights (alongside.articles.roles)."""
    staff_roles_apply(django_apps)
    return {name: Group.objects.get(name=name) for name in ROLES}


@transaction.atomic
def _account_ensure(spec: DemoAccount, communities: list[Community]) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(spec.email, DEMO_PASSWORD, is_staff=bool(spec.staff_groups))
        EmailAddress.objects.create(user=user, email=spec.email, verified=True, primary=True)
    for name in spec.staff_groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    _profile_ensure(spec, user)
    for community in communities if spec.role else []:
        membership = membership_create(user=user, community=community)
        diagnosis_year = 2016 if spec.role == Role.LIVING_WITH else None
        membership_update(
            membership=membership,
            role=spec.role,
            staff_role=spec.staff_role,
            diagnosis_year=diagnosis_year,
        )
        _back_after_a_few_days(membership)
    if spec.staff_groups and not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, totp_secret_for(spec.email))
        RecoveryCodes.activate(user)
    return user


def _back_after_a_few_days(membership) -> None:
    """Demo members last visited three days ago, so their home shows what is new since;
    a demo reloaded while they are away changes nothing."""
    if membership.last_seen_at is None:
        membership_update(membership=membership, last_seen_at=timezone.now() - timedelta(days=3))


def _profile_ensure(spec: DemoAccount, user: User) -> None:
    profile = profile_get_or_create(user=user)
    if profile.onboarded_at is not None:
        return
    profile.display_name = spec.display_name
    profile.about = spec.about
    profile.region = "North West England"
    profile.display_name_audience = Audience.MEMBERS
    profile.conditions_audience = Audience.MEMBERS
    profile.count_in_figures = True
    profile.onboarding_step = 6
    profile.onboarded_at = timezone.now()
    profile.save()
    member_conditions_set(user=user, slugs=list(spec.conditions))
