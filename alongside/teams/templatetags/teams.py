from django import template

from alongside.teams.selectors import profile_actions_for

register = template.Library()


@register.simple_tag(takes_context=True)
def team_actions_for(context, public_id):
    """What the viewer may do about the member whose profile this is (or None)."""
    request = context["request"]
    return profile_actions_for(
        viewer=request.user, owner_public_id=public_id, community=request.community
    )
