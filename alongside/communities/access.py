"""Who may reach a community's member-only pages and API routes, shared by every app."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from alongside.communities.selectors import is_member


def member_required(view):
    """Log-in first; then only members of this community (others get 404: nothing to see)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_member(user=request.user, community=request.community):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def safe_next(request, default: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/") else default


def require_member(*, user, community) -> None:
    """For API routes: anything but a member of this community gets 404."""
    if not is_member(user=user, community=community):
        raise Http404
