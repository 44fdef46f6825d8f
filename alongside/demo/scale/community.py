"""make_community's steps, in order, each timed; a step whose app has no models yet is skipped."""

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

from alongside.demo.generate import members_generate
from alongside.demo.scale.cast import Cast


@dataclass
class Summary:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def community_make(*, community, members: int, seed: int, stdout, stderr=sys.stderr) -> Summary:
    summary = Summary()
    _timed(summary, "members", lambda: _members(community, members, seed, stderr))
    cast = Cast.load(community=community, seed=seed)
    for name, step in _steps():
        try:
            bar = progress_bar(name, stderr)
            rows = _timed(summary, name, lambda step=step, bar=bar: step(cast, bar))
        except (ImportError, LookupError) as missing:
            summary.notes.append(f"{name}: skipped, not available yet ({missing})")
            continue
        if not rows:
            summary.notes.append(f"{name}: nothing new (already generated, or nothing to attach)")
    _timed(summary, "vacuum analyze", _analyse)
    return summary


def _steps() -> list[tuple[str, Callable]]:
    from alongside.demo.scale.articles import article_comments_make
    from alongside.demo.scale.journal import journals_make
    from alongside.demo.scale.network import teams_make, updates_make
    from alongside.demo.scale.questions import questions_make
    from alongside.demo.scale.treatments import treatments_make

    return [
        ("teams", teams_make),
        ("updates, comments, hugs", updates_make),
        ("questions and answers", questions_make),
        ("article comments", article_comments_make),
        ("treatment histories and insights", treatments_make),
        ("journals", journals_make),
    ]


def _timed(summary: Summary, name: str, work: Callable):
    started = time.monotonic()
    rows = work()
    summary.seconds[name] = time.monotonic() - started
    summary.rows.update(rows or {})
    return rows


def _members(community, count: int, seed: int, stderr) -> dict:
    report = members_generate(
        community=community, count=count, seed=seed, progress=progress_bar("members", stderr)
    )
    return report.created


def _analyse() -> None:
    """Fresh statistics and visibility maps, so the planner sees the new rows at once.
    (Inside a transaction, as in tests, VACUUM cannot run: statistics only.)"""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


def progress_bar(label: str, stream) -> Callable[[int, int], None]:
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        filled = int(30 * done / total) if total else 30
        elapsed = time.monotonic() - started
        bar = "#" * filled + "-" * (30 - filled)
        stream.write(f"\r{label:<34} [{bar}] {done:,}/{total:,}  {elapsed:,.0f} s ")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show
