from django import template

from alongside.core.routes import route
from alongside.moderation import targets

register = template.Library()


@register.simple_tag
def report_url(target) -> str:
    """Where a member reports this item or profile; "" for things that cannot be reported."""
    kind = targets.kind_of(target) if target is not None else None
    return route("moderation:report", kind, targets.ref_of(target)) if kind else ""


@register.simple_tag(takes_context=True)
def desk_count(context) -> int:
    """How many entries wait on the moderation desk, for its link in the header."""
    from alongside.moderation.selectors import queue_count_for

    request = context["request"]
    return queue_count_for(viewer=request.user, community=request.community)


@register.inclusion_tag("moderation/includes/suspension_notice.html", takes_context=True)
def suspension_notice(context) -> dict:
    """A suspended member learns it on every page of the community, before typing anything."""
    from alongside.moderation.selectors import suspension_notice_for

    request = context.get("request")
    user = getattr(request, "user", None)
    community = getattr(request, "community", None)
    return {"suspension": suspension_notice_for(viewer=user, community=community)}
