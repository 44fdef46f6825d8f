"""What the trends page and a visit summary show, built from a handful of queries whatever
the number of entries: one for check-ins (two columns), one each for relapses,
questionnaires, questions and treatments (with their reports and side effects)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F
from django.utils.translation import gettext as _

from alongside.accounts.selectors import member_condition_slugs
from alongside.core.numbers import average
from alongside.core.prepared import Int, Prepared
from alongside.journal import instruments
from alongside.journal.charts import Band, Chart, line_chart
from alongside.journal.models import Journal, Relapse, VisitSummary
from alongside.journal.selectors import (
    checkin_points_for,
    questions_for,
    relapses_between,
    responses_for,
)
from alongside.journal.symptoms import SCALE, SCORE_MAX, score_word, tracked
from alongside.treatments.clashes import Clash, clashes_for
from alongside.treatments.models import EffectSeverity, MemberTreatment

TREND_STEP = 0.5  # a change in the mean smaller than half a scale point is "about the same"


@dataclass
class TreatmentLine:
    slug: str
    name: str
    dose: str
    schedule: str
    started_on: date | None
    stopped_on: date | None
    stop_reason: str
    changes: list[tuple[date, str]] = field(default_factory=list)
    side_effects: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_current(self) -> bool:
        return self.stopped_on is None


@dataclass
class SymptomTrend:
    key: str
    name: str
    days: int
    average: str
    first_half: str
    second_half: str
    direction: str
    worst: str


@dataclass
class ScoreLine:
    name: str
    completed: date
    score: int
    max_score: int
    band: str
    safety_flag: bool


@dataclass
class SummaryView:
    journal: Journal
    summary: VisitSummary
    owner_name: str
    treatments: list[TreatmentLine]
    relapses: list[Relapse]
    trends: list[SymptomTrend]
    scores: list[ScoreLine]
    clashes: list[Clash]
    questions: list
    checkin_days: int
    sparklines: dict[str, Chart] = field(default_factory=dict)


def treatment_lines(*, journal: Journal, start: date, end: date) -> list[TreatmentLine]:
    """The owner's treatments in the journal's community that overlap the period, with the
    side effects they reported: one query (a row per side effect, joined, then grouped)."""
    rows = _TREATMENTS_WITH_EFFECTS.rows(user=journal.owner_id, community=journal.community_id)
    lines: dict[int, TreatmentLine] = {}
    for entry in rows:
        if (entry.started_on and entry.started_on > end) or (
            entry.stopped_on and entry.stopped_on < start
        ):
            continue
        line = lines.setdefault(entry.pk, _treatment_line(entry))
        if entry.effect_name:
            severity = EffectSeverity(entry.effect_severity).label
            line.side_effects.append((entry.effect_name, str(severity)))
    return list(lines.values())


_TREATMENTS_WITH_EFFECTS = Prepared(
    lambda *, user, community: (
        MemberTreatment.objects.filter(user_id=user, community_id=community)
        .select_related("treatment")
        .annotate(
            effect_name=F("report__side_effects__name"),
            effect_severity=F("report__side_effects__severity"),
        )
        .order_by("stopped_on", "-started_on", "-id", "report__side_effects__name")
    ),
    user=Int,
    community=Int,
)


def _treatment_line(entry: MemberTreatment) -> TreatmentLine:
    changes = []
    for step in entry.titration or []:
        when = step.get("from")
        if when:
            dose = f"{step.get('dose', '')} {step.get('unit', '')}".strip()
            changes.append((date.fromisoformat(str(when)), _("dose %(dose)s") % {"dose": dose}))
    return TreatmentLine(
        slug=entry.treatment.slug,
        name=entry.treatment.name,
        dose=entry.dose_label,
        schedule=entry.get_schedule_display() if entry.schedule else "",
        started_on=entry.started_on,
        stopped_on=entry.stopped_on,
        stop_reason=entry.get_stop_reason_display() if entry.stop_reason else "",
        changes=sorted(changes),
    )


def bands_of(lines: list[TreatmentLine], start: date) -> list[Band]:
    return [
        Band(
            label=f"{line.name} {line.dose}".strip(),
            start=line.started_on or start,
            end=line.stopped_on,
            changes=tuple(line.changes),
        )
        for line in lines
    ]


def symptom_series(points, key: str) -> list[tuple[date, float]]:
    return [(day, scores[key]) for day, scores in points if key in scores]


def _trend(key: str, name: str, series: list[tuple[date, float]]) -> SymptomTrend:
    if not series:
        return SymptomTrend(key, name, 0, "", "", "", _("nothing recorded"), "")
    values = [value for _day, value in series]
    half = max(len(values) // 2, 1)
    first, second = average(values[:half]), average(values[half:] or values[:half])
    if second - first >= TREND_STEP:
        direction = _("worse")
    elif first - second >= TREND_STEP:
        direction = _("better")
    else:
        direction = _("about the same")
    return SymptomTrend(
        key=key,
        name=name,
        days=len(values),
        average=f"{average(values):.1f}",
        first_half=f"{first:.1f}",
        second_half=f"{second:.1f}",
        direction=direction,
        worst=score_word(max(values)),
    )


def _scale_labels() -> list[tuple[int, str]]:
    return [(value, f"{value}") for value, _label in SCALE]


def symptom_charts(
    *, journal: Journal, points, start: date, end: date, bands, relapses
) -> list[Chart]:
    charts = []
    for n, (key, name) in enumerate(tracked(journal)):
        charts.append(
            line_chart(
                title=name,
                rows=symptom_series(points, key),
                start=start,
                end=end,
                y_max=SCORE_MAX,
                y_labels=_scale_labels(),
                bands=bands,
                relapses=relapses,
                chart_id=f"symptom-{n}",
            )
        )
    return charts


def score_charts(*, responses, start: date, end: date, bands, relapses) -> list[Chart]:
    charts = []
    for spec in instruments.all_instruments():
        rows = [(r.completed_at.date(), r.score) for r in responses if r.instrument == spec.code]
        if not rows:
            continue
        top = spec.max_score
        labels = [(0, "0"), (top // 2, str(top // 2)), (top, str(top))]
        charts.append(
            line_chart(
                title=spec.name,
                rows=rows,
                start=start,
                end=end,
                y_max=top,
                y_labels=labels,
                bands=bands,
                relapses=relapses,
                chart_id=f"score-{spec.code}",
            )
        )
    return charts


@dataclass
class TrendsView:
    start: date
    end: date
    symptoms: list[Chart]
    scores: list[Chart]
    relapses: list[Relapse]
    treatments: list[TreatmentLine]


def trends_for(*, journal: Journal, start: date, end: date) -> TrendsView:
    points = checkin_points_for(journal=journal, start=start, end=end)
    relapses = relapses_between(journal=journal, start=start, end=end)
    responses = responses_for(journal=journal, start=start, end=end)
    lines = treatment_lines(journal=journal, start=start, end=end)
    bands = bands_of(lines, start)
    relapse_days = [r.started_on for r in relapses]
    return TrendsView(
        start=start,
        end=end,
        symptoms=symptom_charts(
            journal=journal,
            points=points,
            start=start,
            end=end,
            bands=bands,
            relapses=relapse_days,
        ),
        scores=score_charts(
            responses=responses, start=start, end=end, bands=bands, relapses=relapse_days
        ),
        relapses=relapses,
        treatments=lines,
    )


def summary_view_for(*, summary: VisitSummary, owner_name: str) -> SummaryView:
    """Everything a visit summary shows; the caller has checked who may see it."""
    journal = summary.journal
    start, end = summary.period_start, summary.period_end
    points = checkin_points_for(journal=journal, start=start, end=end)
    lines = treatment_lines(journal=journal, start=start, end=end)
    current = [line for line in lines if line.is_current]
    responses = responses_for(journal=journal, start=start, end=end)
    names = {spec.code: spec for spec in instruments.all_instruments()}
    return SummaryView(
        journal=journal,
        summary=summary,
        owner_name=owner_name,
        treatments=lines,
        relapses=relapses_between(journal=journal, start=start, end=end, oldest_first=True),
        trends=[_trend(key, name, symptom_series(points, key)) for key, name in tracked(journal)],
        scores=[
            ScoreLine(
                name=names[r.instrument].name,
                completed=r.completed_at.date(),
                score=r.score,
                max_score=names[r.instrument].max_score,
                band=r.band,
                safety_flag=r.safety_flag,
            )
            for r in responses
            if r.instrument in names
        ],
        clashes=_clashes(journal, current),
        questions=questions_for(journal=journal, open_only=True),
        checkin_days=len(points),
    )


def _clashes(journal: Journal, current: list[TreatmentLine]) -> list[Clash]:
    if not current:
        return []
    conditions = member_condition_slugs(user=journal.owner)
    return clashes_for(treatments=[line.slug for line in current], conditions=conditions)


def symptom_figure_rows(*, community) -> list[dict]:
    """The community's symptom figures from consenting journals, with names (or nothing)."""
    from alongside.journal.selectors import symptom_figures_for
    from alongside.journal.symptoms import SYMPTOMS

    figure = symptom_figures_for(community=community)
    if figure is None:
        return []
    return [{**row, "name": str(SYMPTOMS.get(row["key"], row["key"]))} for row in figure.rows]


def default_period(today: date) -> tuple[date, date]:
    return today - timedelta(days=180), today
