"""Who is in the community, loaded once: synthetic member ids in a seeded activity order."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from alongside.accounts.models import User
from alongside.demo.generate import SYNTHETIC_DOMAIN

HISTORY = timedelta(days=730)


@dataclass
class Cast:
    community: object
    seed: int
    ids: list[int]  # by user id
    busiest: list[int]  # the same members, busiest first (a seeded shuffle)
    joined: dict[int, datetime]
    now: datetime = field(default_factory=timezone.now)

    @classmethod
    def load(cls, *, community, seed: int) -> "Cast":
        rows = (
            User.objects.filter(
                email__endswith=f"@{community.slug}.{SYNTHETIC_DOMAIN}",
                memberships__community=community,
            )
            .order_by("pk")
            .values_list("pk", "date_joined")
        )
        joined = dict(rows)
        ids = list(joined)
        busiest = list(ids)
        random.Random(seed).shuffle(busiest)
        return cls(community=community, seed=seed, ids=ids, busiest=busiest, joined=joined)

    def rng(self, step: str) -> random.Random:
        """Each step has its own stream, so adding a step does not change the others."""
        return random.Random(f"{self.seed}:{step}")

    def moment_after(self, rng: random.Random, start: datetime) -> datetime:
        """A moment between `start` (at most two years ago) and now."""
        start = max(start, self.now - HISTORY)
        return start + (self.now - start) * rng.random()

    def synthetic(self) -> str:
        return f"@{self.community.slug}.{SYNTHETIC_DOMAIN}"

    def done_before(self, queryset, *, per_member: float) -> bool:
        """A step already ran at this size when synthetic rows reach half its expected output.

        (load_demo's own steps write a handful of rows by synthetic members; they do not count.)
        """
        return queryset.count() >= max(1, int(len(self.ids) * per_member / 2))
