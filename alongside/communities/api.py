from django.http import Http404
from ninja import Router, Schema

from alongside.communities.selectors import rounded_down
from alongside.core.schemas import example

router = Router(tags=["community"])


class CommunityOut(Schema):
    model_config = example(
        {
            "slug": "ms",
            "name": "Alongside MS",
            "tagline": "Living with multiple sclerosis is easier with people who get it.",
            "condition_code": "G35",
            "members": 1200,
        }
    )

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
