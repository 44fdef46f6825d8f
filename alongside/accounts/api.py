from uuid import UUID

from ninja import Router, Schema

from alongside.accounts.selectors import profile_view_for

router = Router(tags=["me"])


class ProfileOut(Schema):
    public_id: str
    name: str
    is_anonymised: bool
    avatar_url: str | None
    about: str | None
    region: str | None
    role: str | None
    diagnosis_year: int | None
    conditions: list[str] | None


@router.get("/profile", response=ProfileOut)
def my_profile(request):
    """The signed-in member's own profile in this community, every field included."""
    return profile_view_for(
        viewer=request.user, public_id=request.user.public_id, community=request.community
    )


# Mounted under /community beside the communities router: a member's profile is accounts'
# (communities sits below accounts and shows no profile).
members_router = Router(tags=["community"])


@members_router.get("/members/{public_id}", response=ProfileOut)
def member_profile(request, public_id: UUID):
    """A member's profile, with only the fields their audience settings allow the caller."""
    return profile_view_for(viewer=request.user, public_id=public_id, community=request.community)
