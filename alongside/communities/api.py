from django.http import Http404
from ninja import Router, Schema

from alongside.accounts.api import ProfileOut
from alongside.accounts.selectors import profile_view_for
from alongside.communities.selectors import rounded_down

router = Router(tags=["community"])


class CommunityOut(Schema):
    slug: str
    name: str
    tagline: str
    condition_code: str
    members: int


@router.get("", response=CommunityOut, auth=None)
def community_detail(request):
    """Public facts about the community served at this host."""
    community = request.community
    if community is None:
        raise Http404
    return {
        "slug": community.slug,
        "name": community.name,
        "tagline": community.tagline,
        "condition_code": community.condition_code,
        "members": rounded_down(community.member_count),
    }


@router.get("/members/{public_id}", response=ProfileOut)
def member_profile(request, public_id: str):
    """A member's profile, with only the fields their audience settings allow the caller."""
    return profile_view_for(viewer=request.user, public_id=public_id, community=request.community)
