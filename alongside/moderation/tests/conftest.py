import pytest

from alongside.communities.models import StaffRole
from alongside.communities.services import membership_update


@pytest.fixture
def moderator(make_member):
    return make_member(staff_role=StaffRole.MODERATOR, display_name="Priya")


@pytest.fixture
def trusted(make_member):
    """A member whose posts publish straight away."""

    def make(target=None, **fields):
        user = make_member(target, **fields)
        membership_update(membership=user.memberships.get(), trust_level=1)
        user.__dict__.pop("_memberships", None)
        return user

    return make
