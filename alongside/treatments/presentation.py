"""Insight figures as pages show them: shares, intervals and the k-member threshold applied."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from alongside.treatments.models import StopReason

EFFECTIVENESS_LABELS = (
    _("1: not at all"),
    _("2: a little"),
    _("3: somewhat"),
    _("4: well"),
    _("5: very well"),
)
BURDEN_LABELS = (
    _("1: very easy"),
    _("2: easy"),
    _("3: some effort"),
    _("4: hard"),
    _("5: very hard"),
)
DURATION_LABELS = {
    "under_3_months": _("Under 3 months"),
    "3_to_12_months": _("3 to 12 months"),
    "1_to_2_years": _("1 to 2 years"),
    "over_2_years": _("Over 2 years"),
}


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    percent: int
    low: int | None = None  # 95% interval, in percent
    high: int | None = None


@dataclass(frozen=True)
class Block:
    base: int  # how many members the figure rests on
    shown: bool  # False below k: the page says so instead
    rows: list[Row] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class InsightView:
    k: int
    members: int
    side_effects: Block
    effectiveness: Block
    burden: Block
    doses: Block
    titration: Block
    duration: Block
    stop_reasons: Block

    @property
    def any_shown(self) -> bool:
        return self.members >= self.k


def _percent(count: int, base: int) -> int:
    return round(100 * count / base) if base else 0


def _block(base: int, k: int, pairs, intervals=None, **extra) -> Block:
    if base < k:
        return Block(base, False)
    intervals = intervals or [(None, None)] * len(pairs)
    rows = [
        Row(str(label), count, _percent(count, base), *_interval(bounds))
        for (label, count), bounds in zip(pairs, intervals, strict=True)
    ]
    return Block(base, True, rows, extra)


def _interval(bounds) -> tuple[int | None, int | None]:
    low, high = bounds
    return (None, None) if low is None else (round(100 * low), round(100 * high))


def insight_view(figures: dict, *, k: int) -> InsightView:
    """The figures of a TreatmentInsight (may be empty) with the threshold applied."""
    return InsightView(
        k=k,
        members=figures.get("members", 0),
        side_effects=_side_effects(figures.get("side_effects", {}), k),
        effectiveness=_ratings(figures.get("effectiveness", {}), k, EFFECTIVENESS_LABELS),
        burden=_ratings(figures.get("burden", {}), k, BURDEN_LABELS),
        doses=_listed(figures.get("doses", {}), k, "dose"),
        titration=_titration(figures.get("titration", {}), k),
        duration=_duration(figures.get("duration", {}), k),
        stop_reasons=_stop_reasons(figures.get("stop_reasons", {}), k),
    )


def _side_effects(data: dict, k: int) -> Block:
    items = data.get("items", [])
    pairs = [(i["name"], i["count"]) for i in items]
    return _block(data.get("base", 0), k, pairs, [(i["low"], i["high"]) for i in items])


def _ratings(data: dict, k: int, labels) -> Block:
    counts = data.get("counts", [0] * 5)
    return _block(data.get("base", 0), k, list(zip(labels, counts, strict=True)))


def _listed(data: dict, k: int, key: str) -> Block:
    pairs = [(i[key], i["count"]) for i in data.get("items", [])]
    return _block(data.get("base", 0), k, pairs)


def _titration(data: dict, k: int) -> Block:
    pairs = [(" → ".join(i["steps"]), i["count"]) for i in data.get("items", [])]
    return _block(data.get("base", 0), k, pairs)


def _duration(data: dict, k: int) -> Block:
    pairs = [(DURATION_LABELS[b["bucket"]], b["count"]) for b in data.get("buckets", [])]
    return _block(data.get("base", 0), k, pairs, median_months=data.get("median_months"))


def _stop_reasons(data: dict, k: int) -> Block:
    labels = dict(StopReason.choices)
    pairs = [(labels.get(i["reason"], i["reason"]), i["count"]) for i in data.get("items", [])]
    return _block(data.get("base", 0), k, pairs)
