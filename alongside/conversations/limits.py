"""Per-member rate limits and the no-links rule for new members (trust level 0).

Counts live in the cache (Redis in production), in fixed one-hour windows.
"""

import re
import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alongside.communities.selectors import membership_for

WINDOW_SECONDS = 3600
# Posts per hour: (new members at trust level 0, everyone else).
LIMITS = {"update": (4, 20), "comment": (15, 60), "message": (20, 120)}
_LINK = re.compile(
    r"(https?://|www\.|\b[\w-]+\.(com|org|net|info|biz|io|co|uk|ly|me|app|xyz|ru|to)\b)",
    re.IGNORECASE,
)


def trust_level(*, user, community) -> int:
    membership = membership_for(user=user, community=community)
    return membership.trust_level if membership else 0


def rate_limit_hit(*, user, community, action: str) -> None:
    """Count one `action` by `user`; raise ValidationError once over the hourly limit."""
    new_limit, limit = LIMITS[action]
    allowed = new_limit if trust_level(user=user, community=community) == 0 else limit
    window = int(time.time() // WINDOW_SECONDS)
    key = f"ratelimit:{action}:{community.pk}:{user.pk}:{window}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    if count > allowed:
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


def crisis_screen(*, text: str, user, community, target) -> bool:
    """Hand a new post to the moderation app's crisis screening; True when the author should
    see crisis resources at once."""
    try:
        from alongside.moderation.services import crisis_screen as screen
    except ImportError:
        return False
    return screen(text=text, user=user, community=community, target=target)


def suspended(*, user, community) -> bool:
    try:
        from alongside.moderation.selectors import member_can_post
    except ImportError:
        return False
    return not member_can_post(user=user, community=community)
