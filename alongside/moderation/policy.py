"""The one posting policy: may this member post this, here, now?

Every kind of post calls `post_check` in its service before it is stored (updates, comments,
article comments, questions, answers, messages), whether it came from a page or the API, so
each rule is written once, with one message:

- only members of the community post (`member_require`);
- a member under an active suspension does not post;
- new members (trust level 0) post no links (`communities.trust.links_refuse`, which "About
  me" applies too);
- hourly limits per kind of post, lower at trust level 0 (POST_LIMITS).

New members' posts wait for a moderator (`communities.trust.initial_visibility_for`), and
what is posted is then screened for crisis language (`moderation.services.crisis_screen`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.communities.models import Community
from alongside.communities.selectors import is_member
from alongside.communities.trust import initial_visibility_for, links_refuse, trust_level
from alongside.core import ratelimits
from alongside.core.prepared import Int, Moment, Prepared
from alongside.moderation.models import GuestBlock, Suspension

__all__ = [
    "POST_LIMITS",
    "article_comment_allowed",
    "guest_block_check",
    "guest_blocked",
    "guest_blocked_message",
    "initial_visibility_for",
    "is_suspended",
    "links_refuse",
    "member_can_post",
    "member_require",
    "post_check",
    "post_limit_hit",
    "rate_limit_hit",
    "too_many_comments_message",
    "trust_after_approvals",
    "trust_level",
]

# Posts per hour for each kind: (new members at trust level 0, everyone else).
POST_LIMITS = {
    "question": (3, 20),
    "answer": (10, 60),
    "report": (10, 30),
    "update": (4, 20),
    "comment": (15, 60),
    "article_comment": (15, 60),
    "message": (20, 120),
}
# Article comments also come from guests (no membership): counted per address and commenter
# over ten minutes, as (limit, seconds).
ARTICLE_COMMENTS_PER_ADDRESS = (20, 600)
ARTICLE_COMMENTS_PER_COMMENTER = (5, 600)


def trust_after_approvals() -> int:
    return getattr(settings, "MODERATION_TRUST_AFTER_APPROVALS", 3)


def is_suspended(*, user, community: Community) -> bool:
    return bool(_SUSPENDED.rows(community=community.pk, user=user.pk, now=timezone.now()))


# Every post, comment and answer asks it first: its SQL is built once per process.
_SUSPENDED = Prepared(
    lambda *, community, user, now: (
        Suspension.objects.filter(community_id=community, user_id=user, until__gt=now)
        .order_by()
        .values_list("pk", flat=True)[:1]
    ),
    community=Int,
    user=Int,
    now=Moment,
)


def member_can_post(*, user, community: Community) -> bool:
    """False for visitors, non-members and members under an active suspension here."""
    if not is_member(user=user, community=community):
        return False
    return not is_suspended(user=user, community=community)


def member_require(*, user, community: Community) -> None:
    """Only members take part (post, react); raise ValidationError for anyone else."""
    if not is_member(user=user, community=community):
        raise ValidationError(_("Only members of this community can post here."), code="member")


def rate_limit_hit(*, key: str, limit: int, period: int) -> bool:
    """Count one event under `key`; True once more than `limit` happened within `period` s."""
    return not ratelimits.allow(scope="member", key=key, limit=limit, seconds=period)


def post_limit_hit(*, user, community: Community, action: str) -> bool:
    """Count one post of this kind; True once over the hourly limit (lower at trust 0)."""
    new_limit, limit = POST_LIMITS[action]
    allowed = limit if trust_level(user=user, community=community) > 0 else new_limit
    return rate_limit_hit(key=f"{action}:{community.pk}:{user.pk}", limit=allowed, period=3600)


def post_check(*, user, community: Community, action: str, text: str = "") -> None:
    """Raise ValidationError, one message per rule, unless `user` may post this here now.

    Counts the post against the hourly limit of `action` (a key of POST_LIMITS): call it once
    per post, after the post's own checks (empty, too long) passed.
    """
    member_require(user=user, community=community)
    if is_suspended(user=user, community=community):
        raise ValidationError(
            _("You cannot post here at the moment. A moderator has sent you a note about it."),
            code="suspended",
        )
    links_refuse(user=user, community=community, text=text)
    if post_limit_hit(user=user, community=community, action=action):
        raise ValidationError(
            _(
                "You have posted a lot in the last hour, so we are pausing you for a little "
                "while. What you wrote is still here; please try again later."
            ),
            code="rate_limited",
        )


def guest_blocked(*, community: Community, email: str, ip: str) -> bool:
    """Whether a moderator blocked this guest here, by their email address or by the client
    address (`ratelimits.client_ip`) they write from."""
    blocked = Q(email__iexact=email.strip()) if email else Q(pk__in=[])
    digest = ratelimits.address_digest(ip)
    if digest:
        blocked |= Q(address_digest=digest)
    return GuestBlock.objects.filter(blocked, community=community, lifted_at=None).exists()


def guest_blocked_message() -> str:
    return _(
        "A moderator has blocked comments from this email address or this connection. "
        "You can still read the articles."
    )


def guest_block_check(*, community: Community, email: str, ip: str) -> None:
    """Raise ValidationError (code "guest_blocked") if a moderator blocked this guest here."""
    if guest_blocked(community=community, email=email, ip=ip):
        raise ValidationError(guest_blocked_message(), code="guest_blocked")


def too_many_comments_message() -> str:
    return _("You have posted a lot of comments just now. Try again later.")


def article_comment_allowed(*, ip: str, author=None, guest=None) -> bool:
    """Count one article comment attempt; False once this address or commenter posted a lot
    just now (the limits that hold for guests as well as members)."""
    who = f"user:{author.pk}" if author else f"guest:{guest.pk}"
    per_ip, seconds = ARTICLE_COMMENTS_PER_ADDRESS
    by_ip = ratelimits.allow(scope="comment-ip", key=ip, limit=per_ip, seconds=seconds)
    per_who, seconds = ARTICLE_COMMENTS_PER_COMMENTER
    return by_ip and ratelimits.allow(scope="comment", key=who, limit=per_who, seconds=seconds)
