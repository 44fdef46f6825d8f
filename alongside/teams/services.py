from alongside.teams.models import TeamLink


def team_link_create(*, community, a, b) -> TeamLink:
    """Put two members in each other's team (idempotent)."""
    low, high = sorted((a.pk, b.pk))
    link, _ = TeamLink.objects.get_or_create(
        community=community, user_low_id=low, user_high_id=high
    )
    return link


def team_link_delete(*, community, a, b) -> None:
    low, high = sorted((a.pk, b.pk))
    TeamLink.objects.filter(community=community, user_low_id=low, user_high_id=high).delete()
