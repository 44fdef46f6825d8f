"""Community figures from the journals of members who said "count my journal" (off by
default), computed by a task like the treatment insights.

Protection against differencing: a figure is published only over k members
(COMMUNITY_FIGURE_MIN_MEMBERS); percentages are rounded to 5, averages and differences to
0.1 with their interval rounded outward, member counts rounded down (to 10 for symptoms, 5
for treatments); and figures are recomputed at most weekly, so comparing two refreshes cannot
single out one member's entries. Members' own symptoms and notes never enter a figure.
"""

import math
from collections import defaultdict
from datetime import timedelta
from statistics import stdev

from django.conf import settings
from django.utils import timezone

from alongside.core.numbers import average
from alongside.journal.models import CheckIn, Journal, JournalFigure
from alongside.journal.services import journal_figures_save
from alongside.journal.symptoms import SYMPTOMS
from alongside.treatments.models import MemberTreatment

WINDOW_DAYS = 90
REFRESH_DAYS = 7
MIN_CHECKINS = 3  # per member and side, so one stray entry does not stand for three months
Z95 = 1.96


def _k() -> int:
    return settings.COMMUNITY_FIGURE_MIN_MEMBERS


def round_down(n: int, step: int) -> int:
    return n - n % step


def round_to(value: float, step: int) -> int:
    return int(step * round(value / step))


def _consenting(community):
    return Journal.objects.filter(
        community=community,
        count_in_figures=True,
        owner__is_active=True,
        owner__memberships__community=community,
    )


def figures_compute(*, community, force: bool = False) -> bool:
    """Recompute this community's journal figures unless they are under a week old."""
    latest = JournalFigure.objects.filter(community=community, key="symptoms").first()
    now = timezone.now()
    if latest and not force and latest.computed_at > now - timedelta(days=REFRESH_DAYS):
        return False
    symptoms = symptom_figures(community=community, today=now.date())
    treatments = treatment_figures(community=community)
    journal_figures_save(
        community=community, symptoms=symptoms, treatments=treatments, computed_at=now
    )
    return True


def symptom_figures(*, community, today) -> dict:
    """How many consenting members report each symptom (average "a little" or more over the
    last 90 days) and how severe it is for them."""
    since = today - timedelta(days=WINDOW_DAYS)
    per_member: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    rows = CheckIn.objects.filter(journal__in=_consenting(community), day__gte=since)
    for journal_id, scores in rows.values_list("journal_id", "scores").iterator(chunk_size=5000):
        for key, value in scores.items():
            if key in SYMPTOMS:
                per_member[journal_id][key].append(value)
    total = len(per_member)
    if total < _k():
        return {"members": 0, "rows": []}
    figures = []
    for key in SYMPTOMS:
        averages = [average(values[key]) for values in per_member.values() if values.get(key)]
        reporting = [value for value in averages if value >= 1]
        if len(averages) < _k():
            continue
        figures.append(
            {
                "key": key,
                "members": round_down(len(averages), 10),
                "percent": round_to(100 * len(reporting) / len(averages), 5),
                "severity": round(average(reporting), 1) if len(reporting) >= _k() else None,
            }
        )
    return {"members": round_down(total, 10), "rows": figures}


def treatment_figures(*, community) -> dict[str, dict]:
    """For each treatment: members' tracked symptoms in the 3 months before vs after they
    started it (after minus before, on the 0-4 scale), with n and a 95% interval."""
    starts = defaultdict(list)  # treatment slug -> [(journal id, started_on)]
    journals = dict(_consenting(community).values_list("owner_id", "pk"))
    entries = MemberTreatment.objects.filter(
        community=community, user_id__in=list(journals), started_on__isnull=False
    ).values_list("treatment__slug", "user_id", "started_on")
    for slug, user_id, started in entries:
        starts[slug].append((journals[user_id], started))
    if not starts:
        return {}
    points = _points(list(journals.values()))
    return {
        slug: figure
        for slug, members in starts.items()
        if (figure := _before_after(members, points))["rows"]
    }


def _points(journal_ids: list[int]) -> dict[int, list]:
    points = defaultdict(list)
    rows = CheckIn.objects.filter(journal_id__in=journal_ids).values_list(
        "journal_id", "day", "scores"
    )
    for journal_id, day, scores in rows.iterator(chunk_size=5000):
        points[journal_id].append((day, scores))
    return points


def _before_after(members, points) -> dict:
    differences: dict[str, list[float]] = defaultdict(list)
    for journal_id, started in members:
        window = timedelta(days=WINDOW_DAYS)
        for key in SYMPTOMS:
            before = [
                s[key]
                for d, s in points[journal_id]
                if started - window <= d < started and key in s
            ]
            after = [
                s[key]
                for d, s in points[journal_id]
                if started <= d < started + window and key in s
            ]
            if len(before) >= MIN_CHECKINS and len(after) >= MIN_CHECKINS:
                differences[key].append(average(after) - average(before))
    rows = [
        _difference_row(key, values) for key, values in differences.items() if len(values) >= _k()
    ]
    return {"members": max((row["members"] for row in rows), default=0), "rows": rows}


def _difference_row(key: str, values: list[float]) -> dict:
    centre = average(values)
    half = Z95 * stdev(values) / math.sqrt(len(values)) if len(values) > 1 else 0.0
    return {
        "key": key,
        "members": round_down(len(values), 5),
        "change": round(centre, 1),
        "low": math.floor((centre - half) * 10) / 10,
        "high": math.ceil((centre + half) * 10) / 10,
    }
