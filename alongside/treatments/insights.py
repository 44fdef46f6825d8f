"""Figures over members' treatment reports, computed by tasks into TreatmentInsight rows.

Only members who agreed to count in community figures (Profile.count_in_figures) are read.
Each member counts once per treatment, through their most recent entry for it. The raw counts
are stored; the k-member threshold is applied when a page reads them, so a changed setting
needs no recomputation.
"""

import math
from collections import Counter
from datetime import date
from statistics import median

from django.utils import timezone

from alongside.accounts.selectors import counted_in_figures
from alongside.treatments.models import (
    MemberTreatment,
    ReportedSideEffect,
)

Z95 = 1.96
TOP_DOSES = 5
TOP_TITRATIONS = 3
DURATION_BUCKETS = ((3, "under_3_months"), (12, "3_to_12_months"), (24, "1_to_2_years"))
LONGEST_BUCKET = "over_2_years"


def wilson_interval(count: int, total: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for count/total, as shares between 0 and 1."""
    if total == 0:
        return 0.0, 0.0
    share = count / total
    spread = z * z / total
    centre = (share + spread / 2) / (1 + spread)
    half = z * math.sqrt(share * (1 - share) / total + spread / (4 * total)) / (1 + spread)
    return max(0.0, centre - half), min(1.0, centre + half)


def _counted(queryset, community):
    return queryset.filter(counted_in_figures(community=community), community=community)


_ENTRY_VALUES = ("id", "user_id", "dose", "unit", "titration", "started_on", "stopped_on")
_ENTRY_VALUES += ("stop_reason", "report__effectiveness", "report__burden")


def latest_entries(*, community, treatment) -> list[dict]:
    """Each counted member's most recent entry for the treatment, with its ratings."""
    rows = _counted(MemberTreatment.objects.filter(treatment=treatment), community)
    rows = rows.order_by("user_id", "started_on", "id").values(*_ENTRY_VALUES)
    latest: dict[int, dict] = {}
    for row in rows.iterator(chunk_size=2000):
        latest[row["user_id"]] = row
    return list(latest.values())


def _side_effect_names(community, treatment, entry_ids: set[int]) -> dict[int, set[str]]:
    rows = ReportedSideEffect.objects.filter(
        report__entry__in=_counted(MemberTreatment.objects.filter(treatment=treatment), community)
    ).values_list("report__entry_id", "name")
    names: dict[int, set[str]] = {}
    for entry_id, name in rows.iterator(chunk_size=2000):
        if entry_id in entry_ids:
            names.setdefault(entry_id, set()).add(name)
    return names


def compute_figures(*, community, treatment, today: date | None = None) -> dict:
    entries = latest_entries(community=community, treatment=treatment)
    reported = [e for e in entries if e["report__effectiveness"] or e["report__burden"]]
    effects = _side_effect_names(community, treatment, {e["id"] for e in entries})
    return {
        "members": len(entries),
        "side_effects": _side_effects(entries, effects),
        "effectiveness": _ratings(reported, "report__effectiveness"),
        "burden": _ratings(reported, "report__burden"),
        "doses": _doses(entries),
        "titration": _titrations(entries),
        "duration": _durations(entries, today or timezone.localdate()),
        "stop_reasons": _stop_reasons(entries),
    }


def _side_effects(entries, effects: dict[int, set[str]]) -> dict:
    """Shares among members who filed a report of any kind (side effects or ratings)."""
    base = [e for e in entries if e["report__effectiveness"] or e["report__burden"]]
    base_ids = {e["id"] for e in base} | set(effects)
    counts = Counter(name for entry_id in base_ids for name in effects.get(entry_id, ()))
    total = len(base_ids)
    items = []
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        low, high = wilson_interval(count, total)
        items.append({"name": name, "count": count, "low": low, "high": high})
    return {"base": total, "items": items}


def _ratings(entries, key: str) -> dict:
    values = [e[key] for e in entries if e[key]]
    counts = Counter(values)
    return {"base": len(values), "counts": [counts.get(level, 0) for level in range(1, 6)]}


def _dose_label(dose, unit: str) -> str:
    return f"{dose.normalize():f} {unit}".strip()


def _doses(entries) -> dict:
    labels = [_dose_label(e["dose"], e["unit"]) for e in entries if e["dose"] is not None]
    items = [{"dose": d, "count": c} for d, c in Counter(labels).most_common(TOP_DOSES)]
    return {"base": len(labels), "items": items}


def _titrations(entries) -> dict:
    paths = [
        tuple(f"{step['dose']} {step.get('unit', '')}".strip() for step in e["titration"])
        for e in entries
        if len(e["titration"] or []) >= 2
    ]
    common = Counter(paths).most_common(TOP_TITRATIONS)
    return {"base": len(paths), "items": [{"steps": list(p), "count": c} for p, c in common]}


def _months_between(start: date, end: date) -> int:
    return max(0, (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day))


def _durations(entries, today: date) -> dict:
    months = [
        _months_between(e["started_on"], e["stopped_on"] or today)
        for e in entries
        if e["started_on"]
    ]
    buckets = Counter(_bucket(m) for m in months)
    names = [name for _, name in DURATION_BUCKETS] + [LONGEST_BUCKET]
    return {
        "base": len(months),
        "median_months": median(months) if months else None,
        "buckets": [{"bucket": name, "count": buckets.get(name, 0)} for name in names],
    }


def _bucket(months: int) -> str:
    for limit, name in DURATION_BUCKETS:
        if months < limit:
            return name
    return LONGEST_BUCKET


def _stop_reasons(entries) -> dict:
    stopped = [e for e in entries if e["stopped_on"]]
    counts = Counter(e["stop_reason"] or "other" for e in stopped)
    items = [{"reason": r, "count": c} for r, c in counts.most_common()]
    return {"base": len(stopped), "items": items}
