"""Demo log-ins: one of each kind of person who uses Alongside. Staff come with TOTP."""

import base64
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.accounts.services import member_conditions_set, profile_get_or_create
from alongside.communities.models import Community, Role
from alongside.communities.services import membership_create, membership_update
from alongside.core.models import Audience

DEMO_PASSWORD = "alongside-demo"  # noqa: S105 - printed for the demo on purpose


@dataclass(frozen=True)
class DemoAccount:
    key: str
    email: str
    display_name: str
    role: str | None
    staff_groups: tuple[str, ...] = ()
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
        Role.MODERATOR,
        staff_groups=("Moderators",),
        conditions=("depression",),
        about="Volunteer moderator. Living with MS since 2012.",
    ),
    DemoAccount(
        "editor",
        "editor@demo.alongside.localhost",
        "Editorial team",
        Role.ADMIN,
        staff_groups=("Editors",),
    ),
    DemoAccount(
        "reviewer",
        "reviewer@demo.alongside.localhost",
        "Dr Amara Okafor (reviewer)",
        None,
        staff_groups=("Medical reviewers",),
    ),
)


def totp_secret_for(email: str) -> str:
    """A stable secret per demo account, so the demo's codes survive a reload. Demo only."""
    digest = hashlib.sha256(f"alongside-demo-totp:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


def demo_accounts_ensure(communities: list[Community]) -> list[tuple[DemoAccount, User]]:
    staff_groups_ensure()
    return [(spec, _account_ensure(spec, communities)) for spec in ACCOUNTS]


STAFF_GROUPS = ("Editors", "Moderators", "Medical reviewers")


def staff_groups_ensure() -> dict[str, Group]:
    """The staff groups, each allowed into the staff console (Wagtail admin)."""
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in STAFF_GROUPS}
    for group in groups.values():
        group.permissions.add(access)
    return groups


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
        membership_update(membership=membership, role=spec.role, diagnosis_year=2016)
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
