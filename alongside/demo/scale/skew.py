"""Skewed choices: a few members and posts get most of the activity, as in real communities."""

import random


def zipf_index(rng: random.Random, n: int) -> int:
    """An index in [0, n) with P(i) roughly proportional to 1/(i+1): n**U is log-uniform."""
    return min(n - 1, int(n ** rng.random()) - 1)


def heavy_count(rng: random.Random, alpha: float, cap: int) -> int:
    """A Pareto-tailed count >= 0: most are 0 or 1, a few are in the hundreds."""
    return min(cap, int(rng.paretovariate(alpha)) - 1)


def distinct_picks(rng: random.Random, pool: list, k: int, exclude=None) -> list:
    """k distinct items of pool, skewed toward its start (the busiest members)."""
    k = min(k, len(pool) - 1)
    chosen: set = set()
    tries = 0
    while len(chosen) < k and tries < k * 8:
        item = pool[zipf_index(rng, len(pool))]
        tries += 1
        if item != exclude:
            chosen.add(item)
    while len(chosen) < k:  # the skewed head is exhausted: fill from anyone
        item = rng.choice(pool)
        if item != exclude:
            chosen.add(item)
    return sorted(chosen)
