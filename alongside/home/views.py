from django.conf import settings
from django.shortcuts import render
from wagtail.views import serve

from alongside.communities.selectors import membership_for
from alongside.home.selectors import member_home_for


def home(request):
    """Members get their own home; everyone else the community's public home page (cached)."""
    if membership_for(user=request.user, community=request.community) is None:
        return serve(request, "")
    home = member_home_for(viewer=request.user, community=request.community)
    context = {"home": home, "min_members": settings.COMMUNITY_FIGURE_MIN_MEMBERS}
    return render(request, "home/member_home.html", context)
