"""A member's team links, requests and blocks, for export and erasure."""

from django.db.models import Q

from alongside.teams.models import Block, TeamLink, TeamRequest


def export(user) -> dict:
    links = TeamLink.objects.filter(Q(user_low=user) | Q(user_high=user))
    return {
        "team": [
            {"community": link.community_id, "member": other}
            for link in links
            for other in (link.user_low_id, link.user_high_id)
            if other != user.pk
        ],
        "team_requests_sent": list(
            TeamRequest.objects.filter(sender=user).values("recipient_id", "status", "created_at")
        ),
        "blocked": list(Block.objects.filter(blocker=user).values("blocked_id", "created_at")),
    }
