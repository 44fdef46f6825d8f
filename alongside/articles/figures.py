"""Community figures: live counts over members, keyed by kind ("condition", later "treatment").

Each kind has a provider `(community, subject) -> int | None` registered here; the treatments
app registers its own kind when it lands. Figures are cached briefly and shown only when they
rest on at least settings.COMMUNITY_FIGURE_MIN_MEMBERS members, rounded down.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from alongside.communities.selectors import rounded_down

_providers: dict[str, Callable] = {}
_CACHE_SECONDS = 600


@dataclass(frozen=True)
class Figure:
    count: int  # already rounded down
    kind: str
    subject: str


def register(kind: str, provider: Callable) -> None:
    _providers[kind] = provider


def kinds() -> list[str]:
    return sorted(_providers)


def figure_for(*, community, kind: str, subject: str) -> Figure | None:
    """The rounded figure, or None when the kind is unknown or it rests on too few members."""
    provider = _providers.get(kind)
    if provider is None or community is None:
        return None
    key = f"figure:{community.pk}:{kind}:{subject}"
    count = cache.get(key)
    if count is None:
        count = provider(community, subject) or 0
        cache.set(key, count, _CACHE_SECONDS)
    if count < settings.COMMUNITY_FIGURE_MIN_MEMBERS:
        return None
    return Figure(rounded_down(count), kind, subject)


def members_reporting_condition(community, slug: str) -> int:
    """Members of the community who agreed to be counted and report this other condition."""
    from alongside.accounts.models import MemberCondition
    from alongside.accounts.selectors import counted_in_figures

    return (
        MemberCondition.objects.filter(counted_in_figures(community=community), slug=slug)
        .values("user_id")
        .distinct()
        .count()
    )


register("condition", members_reporting_condition)
