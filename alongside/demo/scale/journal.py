"""Journals at scale: one synthetic member in ten keeps one for a year (a check-in on about
five days in six, six symptoms), with a relapse for some and a visit summary each; written
with COPY. The journal figures are then computed as the journal app computes them."""

import random
from datetime import timedelta

from alongside.demo.scale.cast import Cast
from alongside.demo.scale.copy import Copier, ids_reserve

SHARE = 10  # one member in SHARE keeps a journal
DAYS = 365
SYMPTOMS = ("fatigue", "pain", "walking", "sleep", "mood", "numbness")


def journals_make(cast: Cast, progress) -> dict:
    import uuid

    from alongside.journal.figures import figures_compute
    from alongside.journal.models import CheckIn, Journal, VisitSummary

    keepers = cast.busiest[::SHARE]
    if cast.done_before(Journal.objects.filter(community=cast.community), per_member=1 / SHARE):
        return {}
    rng = cast.rng("journal")
    first = ids_reserve(Journal, len(keepers))
    today = cast.now.date()
    journals = [
        (
            first + n,
            uuid.UUID(int=rng.getrandbits(128), version=4),
            user_id,
            cast.community.pk,
            list(SYMPTOMS),
            rng.random() < 0.6,
        )
        for n, user_id in enumerate(keepers)
    ]
    Copier(
        Journal, ["id", "public_id", "owner_id", "community_id", "symptoms", "count_in_figures"]
    ).write(journals)
    checkins = Copier(CheckIn, ["journal_id", "day", "scores", "created_by_id", "updated_by_id"])
    written = 0
    for n, (journal_id, _public, user_id, *_rest) in enumerate(journals):
        written += checkins.write(_year(rng, journal_id, user_id, today))
        progress(n + 1, len(journals))
    Copier(
        VisitSummary, ["journal_id", "period_start", "period_end", "concern", "created_by_id"]
    ).write(
        (j[0], today - timedelta(days=180), today, "Tiredness in the afternoons", j[2])
        for j in journals
    )
    figures_compute(community=cast.community, force=True)
    return {"journals": len(journals), "check-ins": written}


def _year(rng: random.Random, journal_id: int, user_id: int, today):
    level = {key: rng.uniform(0.3, 2.8) for key in SYMPTOMS}
    for ago in range(DAYS, 0, -1):
        if rng.random() < 0.83:
            scores = {k: max(0, min(4, round(v + rng.uniform(-1, 1)))) for k, v in level.items()}
            yield (journal_id, today - timedelta(days=ago), scores, user_id, user_id)
