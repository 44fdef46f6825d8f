"""What a member sees at once when crisis screening matches what they wrote."""

from django.contrib import messages
from django.utils.translation import gettext as _


def crisis_notice_add(request) -> None:
    """Call from a view when `services.crisis_screen` returned True."""
    resources = request.community.crisis_resources or _(
        "If you are in danger, call your local emergency number."
    )
    messages.warning(
        request,
        _(
            "You are not alone. Help is available now: %(resources)s A moderator will also "
            "see your post and may reach out to you."
        )
        % {"resources": resources},
        extra_tags="crisis",
    )
