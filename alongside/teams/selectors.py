from django.db.models import Q

from alongside.teams.models import TeamLink


def are_teammates(*, a, b, community) -> bool:
    if not (getattr(a, "pk", None) and getattr(b, "pk", None)) or a.pk == b.pk:
        return False
    low, high = sorted((a.pk, b.pk))
    return TeamLink.objects.filter(community=community, user_low_id=low, user_high_id=high).exists()


def teammate_ids(*, user, community) -> set[int]:
    links = TeamLink.objects.filter(Q(user_low=user) | Q(user_high=user), community=community)
    pairs = links.values_list("user_low_id", "user_high_id")
    return {other for pair in pairs for other in pair if other != user.pk}
