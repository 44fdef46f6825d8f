from django.http import HttpResponseNotFound
from django.utils import timezone

from alongside.communities.selectors import community_for_host, membership_memoised
from alongside.communities.services import membership_seen

_PROBES = frozenset({"/healthz", "/readyz"})


class CommunityMiddleware:
    """Sets request.community from the host name (each community is a Wagtail Site)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in _PROBES:
            # Health probes must answer without the database or the cache.
            request.community = None
            return self.get_response(request)
        hostname = request.get_host().split(":")[0].lower()
        community = community_for_host(hostname)
        request.community = community
        if community is not None:
            # Spare Wagtail its own Site lookup on every request.
            request._wagtail_site = community.site
        elif not request.path.startswith(("/metrics", "/admin/", "/static/")):
            return HttpResponseNotFound("No community is set up for this address yet.")
        return self.get_response(request)


class LastSeenMiddleware:
    """Keeps each membership's last_seen_at, at most one write every few minutes.

    Reads only a membership the request loaded anyway (the page header does), so requests
    that never look at it (static files, the API's token routes) cost nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        membership = membership_memoised(
            user=getattr(request, "user", None), community=getattr(request, "community", None)
        )
        if membership is not None and response.status_code < 400:
            membership_seen(membership=membership, now=timezone.now())
        return response
