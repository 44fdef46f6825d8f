from django import template

from alongside.core.routes import route
from alongside.moderation import targets

register = template.Library()


@register.simple_tag
def report_url(target) -> str:
    """Where a member reports this item or profile; "" for things that cannot be reported."""
    kind = targets.kind_of(target) if target is not None else None
    return route("moderation:report", kind, targets.ref_of(target)) if kind else ""
