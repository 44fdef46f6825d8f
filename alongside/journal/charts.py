"""Server-rendered SVG charts (no chart script): a symptom or score over time, with the
member's treatments as bands and relapses as marks on the same time axis.

Each chart comes with the points it draws, so the page can show them as a data table too.
Colours come from CSS classes (journal.css), so both themes and print restyle them.
"""

import html
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

from alongside.core.numbers import average

WIDTH = 640
PLOT_LEFT = 40
PLOT_RIGHT = 615
PLOT_TOP = 12
PLOT_HEIGHT = 140
BAND_HEIGHT = 18
AXIS_HEIGHT = 28
DAILY_UP_TO_DAYS = 120


@dataclass(frozen=True)
class Band:
    label: str
    start: date
    end: date | None  # None: still taking it
    changes: tuple[tuple[date, str], ...] = ()  # (day, "dose 4.5 mg")


@dataclass
class Chart:
    title: str
    svg: str
    points: list[tuple[str, str]] = field(default_factory=list)  # (period label, value)
    unit_label: str = ""

    @property
    def table_rows(self) -> str:
        """The points as the rows of the chart's data table, written here: a year is 53 rows
        per chart, and the template's loop over them cost a tenth of the trends page."""
        return mark_safe(  # noqa: S308 (each value escaped here)
            "".join(
                f'<tr><th scope="row">{_escape(label)}</th><td>{_escape(value)}</td></tr>'
                for label, value in self.points
            )
        )


def bucket(
    rows: list[tuple[date, float]], start: date, end: date
) -> list[tuple[date, date, float]]:
    """Daily points for short periods, weekly means (from `start`) for long ones."""
    if (end - start).days <= DAILY_UP_TO_DAYS:
        return [(day, day, float(value)) for day, value in rows]
    weeks: dict[int, list[float]] = {}
    for day, value in rows:
        weeks.setdefault((day - start).days // 7, []).append(float(value))
    return [
        (start + timedelta(days=7 * n), min(end, start + timedelta(days=7 * n + 6)), average(v))
        for n, v in sorted(weeks.items())
    ]


def line_chart(
    *,
    title: str,
    rows: list[tuple[date, float]],
    start: date,
    end: date,
    y_max: int,
    y_labels: list[tuple[int, str]],
    bands: list[Band] = (),
    relapses: list[date] = (),
    chart_id: str = "chart",
) -> Chart:
    points = bucket(rows, start, end)
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        offset = min(max((day - start).days, 0), span)
        return round(PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * offset / span, 1)

    def y(value: float) -> float:
        return round(PLOT_TOP + PLOT_HEIGHT * (1 - value / y_max), 1)

    height = PLOT_TOP + PLOT_HEIGHT + AXIS_HEIGHT + BAND_HEIGHT * len(bands) + 4
    parts = [_grid(y_labels, y), _axis(start, end, x)]
    band_top = PLOT_TOP + PLOT_HEIGHT + AXIS_HEIGHT
    for n, band in enumerate(bands):
        parts.append(_band(band, band_top + n * BAND_HEIGHT, x, start, end))
    for day in relapses:
        if start <= day <= end:
            parts.append(_relapse(day, x))
    parts.append(_line([(x(first), y(value)) for first, _last, value in points]))
    desc = _escape(_describe(title, points))
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-t">{_escape(title)}</title><desc id="{chart_id}-d">{desc}</desc>'
        + "".join(parts)
        + "</svg>"
    )
    table = [(_period_label(first, last), _number(value)) for first, last, value in points]
    return Chart(title=title, svg=svg, points=table)


def _grid(y_labels, y) -> str:
    lines = []
    for value, label in y_labels:
        lines.append(
            f'<line class="chart-grid" x1="{PLOT_LEFT}" x2="{PLOT_RIGHT}" '
            f'y1="{y(value)}" y2="{y(value)}"/>'
            f'<text class="chart-label" x="{PLOT_LEFT - 6}" y="{y(value) + 4}" '
            f'text-anchor="end">{_escape(label)}</text>'
        )
    return "".join(lines)


def _axis(start: date, end: date, x) -> str:
    base = PLOT_TOP + PLOT_HEIGHT
    ticks = _month_ticks(start, end)
    marks = "".join(
        f'<line class="chart-grid" x1="{x(day)}" x2="{x(day)}" y1="{base}" y2="{base + 5}"/>'
        f'<text class="chart-label" x="{x(day)}" y="{base + 19}" text-anchor="middle">'
        f"{_escape(_month_in(day, translation.get_language()))}</text>"
        for day in ticks
    )
    return (
        f'<line class="chart-axis" x1="{PLOT_LEFT}" x2="{PLOT_RIGHT}" y1="{base}" y2="{base}"/>'
        + marks
    )


def _month_ticks(start: date, end: date) -> list[date]:
    day = date(start.year, start.month, 1)
    ticks = []
    while day <= end:
        if day >= start:
            ticks.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    step = max(1, len(ticks) // 8)
    return ticks[::step]


def _band(band: Band, top: float, x, start: date, end: date) -> str:
    left = x(max(band.start, start))
    right = x(min(band.end or end, end))
    width = max(right - left, 2)
    changes = "".join(
        f'<line class="chart-change" x1="{x(day)}" x2="{x(day)}" y1="{top}" '
        f'y2="{top + BAND_HEIGHT - 3}"><title>{_escape(what)}</title></line>'
        for day, what in band.changes
        if start <= day <= end
    )
    # The name sits at the row's left edge, so it never runs over the dose-change ticks or
    # past the plot when a treatment started near the end of the period.
    label_x = PLOT_LEFT + 4
    return (
        f'<rect class="chart-band" x="{left}" y="{top}" width="{width}" '
        f'height="{BAND_HEIGHT - 3}" rx="3"><title>{_escape(band.label)}</title></rect>'
        + f'<text class="chart-band-label" x="{label_x}" y="{top + 12}">'
        f"{_escape(band.label)}</text>" + changes
    )


def _relapse(day: date, x) -> str:
    return (
        f'<line class="chart-relapse" x1="{x(day)}" x2="{x(day)}" y1="{PLOT_TOP}" '
        f'y2="{PLOT_TOP + PLOT_HEIGHT}"/>'
        f'<path class="chart-relapse-mark" d="M{x(day) - 5},{PLOT_TOP} l5,8 l5,-8 z"/>'
    )


def _line(coords: list[tuple[float, float]]) -> str:
    if not coords:
        return ""
    path = " ".join(f"{cx},{cy}" for cx, cy in coords)
    dots = "".join(f'<circle class="chart-dot" cx="{cx}" cy="{cy}" r="2.5"/>' for cx, cy in coords)
    return f'<polyline class="chart-line" points="{path}"/>' + (dots if len(coords) < 60 else "")


def _describe(title: str, points) -> str:
    if not points:
        return f"{title}: nothing recorded in this period."
    values = [value for _first, _last, value in points]
    return (
        f"{title}: {len(points)} points, lowest {_number(min(values))}, "
        f"highest {_number(max(values))}, latest {_number(values[-1])}."
    )


@lru_cache(maxsize=512)
def _month_in(day: date, language: str | None) -> str:
    return date_format(day, "M")


def _period_label(first: date, last: date) -> str:
    return _period_label_in(first, last, translation.get_language())


@lru_cache(maxsize=4096)
def _period_label_in(first: date, last: date, language: str | None) -> str:
    """Formatting a date in the reader's language costs a translation lookup per part; a year's
    six charts share the same 53 weeks (318 labels, 53 different), and tomorrow's page the same
    weeks again."""
    if first == last:
        return date_format(first, "j M Y")
    return f"{date_format(first, 'j M')} - {date_format(last, 'j M Y')}"


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _escape(text) -> str:
    """As Django's escape for the plain strings drawn here, without its lazy-string check
    (a year's charts escape about 800 values)."""
    return html.escape(str(text))
