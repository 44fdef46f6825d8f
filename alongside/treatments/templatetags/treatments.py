from urllib.parse import urlsplit

from django import template

from alongside.treatments import selectors
from alongside.treatments.models import Severity

register = template.Library()


@register.filter
def host(url: str) -> str:
    """'https://www.example.org/a/b' -> 'example.org': a short name for a source link."""
    return urlsplit(url).netloc.removeprefix("www.")


@register.filter
def severity_label(code: str) -> str:
    return Severity(code).label if code in Severity.values else code


@register.filter
def condition_name(slug: str) -> str:
    return selectors.condition_name(slug)


@register.simple_tag(takes_context=True)
def profile_treatments(context, public_id, preview=None):
    """The entries of the profile's owner that the viewer may see."""
    request = context["request"]
    return selectors.profile_treatments_for(
        viewer=request.user,
        owner_public_id=public_id,
        community=request.community,
        preview=preview,
    )
