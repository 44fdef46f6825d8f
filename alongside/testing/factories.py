"""factory-boy factories shared by every app's tests."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from alongside.accounts.models import MemberCondition, Profile, User
from alongside.communities.models import Membership, Role
from alongside.core.models import Audience

PASSWORD = "correct-horse-battery-staple"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Faker("first_name")
    display_name_audience = Audience.MEMBERS
    onboarding_step = 6
    onboarded_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.LIVING_WITH


class MemberConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberCondition

    slug = "fibromyalgia"
    code = "M79.7"


def member(
    community, *, role: str = Role.LIVING_WITH, staff_role: str = "", **profile_fields
) -> User:
    """A verified, onboarded member of `community` (counters kept as the services keep them);
    `staff_role` makes them a moderator or community admin there, as the team page does."""
    from alongside.communities.services import (
        membership_create,
        membership_staff_role_set,
        membership_update,
    )

    profile = ProfileFactory(**profile_fields)
    membership = membership_create(user=profile.user, community=community)
    membership_update(membership=membership, role=role)
    if staff_role:
        membership_staff_role_set(membership=membership, staff_role=staff_role)
    community.refresh_from_db(fields=["member_count"])
    return profile.user
