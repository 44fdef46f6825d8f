import pytest

from alongside.communities.services import membership_update


@pytest.fixture
def trusted(make_member):
    """A member whose posts publish straight away."""

    def make(target=None, **fields):
        user = make_member(target, **fields)
        membership_update(membership=user.memberships.get(), trust_level=1)
        user.__dict__.pop("_memberships", None)
        return user

    return make
