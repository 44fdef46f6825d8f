from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from alongside.accounts.services import profile_get_or_create
from alongside.communities.services import membership_create


@login_required
@require_POST
def join(request):
    """An existing account joins the community of this site."""
    membership_create(user=request.user, community=request.community)
    profile_get_or_create(user=request.user)
    messages.success(
        request, _("Welcome to %(community)s.") % {"community": request.community.name}
    )
    return redirect("onboarding_step", step="role")


@cache_control(max_age=300, public=True)
def theme_css(request):
    """The community's colours as CSS custom properties (the CSP allows no inline styles)."""
    community = request.community
    css = f":root{{--brand:{community.colour};--brand-dark-theme:{community.colour_dark};}}\n"
    return HttpResponse(css, content_type="text/css")
