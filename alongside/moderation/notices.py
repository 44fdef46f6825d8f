"""What a member sees at once when crisis screening matches what they wrote."""

from django.contrib import messages
from django.utils.translation import gettext as _

from alongside.core.feedback import placed
from alongside.moderation.crisis import resources_for


def crisis_notice_add(request, *, place: str = "") -> None:
    """Call from a view when `services.crisis_screen` returned True: the resources for the
    request's language, falling back to the community's main language."""
    resources = resources_for(community=request.community)
    messages.warning(
        request,
        _(
            "You are not alone. Help is available now: %(resources)s A moderator will also "
            "see your post and may reach out to you."
        )
        % {"resources": resources},
        extra_tags=f"crisis {placed(place)}" if place else "crisis",
    )


def held_notice_add(request, *, place: str = "") -> None:
    """Call from a view when a new member's post was held for a moderator (Visibility.PENDING)."""
    messages.success(
        request,
        _(
            "Thank you. As a new member, your first posts are read by a moderator before "
            "others see them; you can see yours now."
        ),
        extra_tags=placed(place) if place else "",
    )


def crisis_tell(request, item) -> None:
    """Show crisis resources at once when a new post or message suggests a crisis."""
    if getattr(item, "crisis", False):
        crisis_notice_add(request)
