"""Per-member rate limits and the no-links rule for new members (trust level 0).

The limits themselves live in the moderation app (POST_LIMITS), with questions' and answers'.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alongside.communities.selectors import membership_for
from alongside.moderation.selectors import member_can_post
from alongside.moderation.services import post_limit_hit

_LINK = re.compile(
    r"(https?://|www\.|\b[\w-]+\.(com|org|net|info|biz|io|co|uk|ly|me|app|xyz|ru|to)\b)",
    re.IGNORECASE,
)


def trust_level(*, user, community) -> int:
    membership = membership_for(user=user, community=community)
    return membership.trust_level if membership else 0


def rate_limit_hit(*, user, community, action: str) -> None:
    """Count one `action` by `user`; raise ValidationError once over the hourly limit."""
    if post_limit_hit(user=user, community=community, action=action):
        raise ValidationError(
            _(
                "You have posted a lot in the last hour, so we are pausing you for a little "
                "while. What you wrote is still here; please try again later."
            ),
            code="rate_limited",
        )


def links_refuse(*, user, community, text: str) -> None:
    """New members cannot post links (the commonest spam); raise ValidationError if they try."""
    if _LINK.search(text or "") and trust_level(user=user, community=community) == 0:
        raise ValidationError(
            _(
                "New members cannot post links yet. Please remove the web address; you can "
                "share links once you have taken part for a while."
            ),
            code="no_links",
        )


def suspended(*, user, community) -> bool:
    return not member_can_post(user=user, community=community)
