"""What a member's trust level in a community allows, the part of the posting policy that
depends on membership alone (so accounts, below moderation, can apply it to "About me").

A new member (trust level 0) posts no links, the commonest spam, and their posts wait for a
moderator; after enough approved posts moderation raises them to level 1. The rest of the
policy (suspensions, hourly limits, crisis screening) is `moderation.policy`.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alongside.communities.models import Community
from alongside.communities.selectors import membership_for
from alongside.core.models import Visibility

_LINK = re.compile(
    r"(https?://|www\.|\b[\w-]+\.(com|org|net|info|biz|io|co|uk|ly|me|app|xyz|ru|to)\b)",
    re.IGNORECASE,
)


def trust_level(*, user, community: Community) -> int:
    """0 for new members, visitors and guests; raised by moderators' approvals."""
    membership = membership_for(user=user, community=community)
    return membership.trust_level if membership else 0


def initial_visibility_for(*, user, community: Community) -> str:
    """New members' (trust level 0) posts wait for a moderator; everyone else's publish."""
    if trust_level(user=user, community=community) > 0:
        return Visibility.PUBLISHED
    return Visibility.PENDING


def links_refuse(*, user, community: Community, text: str) -> None:
    """The new-member link rule: raise ValidationError when a member at trust level 0 (or a
    guest, `user` None) writes a web address."""
    if _LINK.search(text or "") and trust_level(user=user, community=community) == 0:
        raise ValidationError(
            _(
                "New members cannot post links yet. Please remove the web address; you can "
                "share links once you have taken part for a while."
            ),
            code="no_links",
        )
