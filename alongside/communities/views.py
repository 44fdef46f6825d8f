from django.http import HttpResponse
from django.views.decorators.cache import cache_control


@cache_control(max_age=300, public=True)
def theme_css(request):
    """The community's colours as CSS custom properties (the CSP allows no inline styles)."""
    community = request.community
    css = f":root{{--brand:{community.colour};--brand-dark-theme:{community.colour_dark};}}\n"
    return HttpResponse(css, content_type="text/css")
