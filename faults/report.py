"""The fault suite's figures, in a form that can be quoted."""

from faults.load import Outcome
from faults.scenario import Run


def acknowledged_writes(outcomes: list[Outcome]) -> list[Outcome]:
    return [outcome for outcome in outcomes if outcome.write and outcome.acknowledged]


def figures(run: Run) -> str:
    outcomes = run.outcomes
    writes = [outcome for outcome in outcomes if outcome.write]
    acknowledged = acknowledged_writes(outcomes)
    found = [outcome for outcome in acknowledged if outcome.marker in run.found_markers]
    setup = ", ".join(f"{name} {seconds} s" for name, seconds in run.stack.timings.items())
    lines = [
        f"setup: {setup}",
        f"writes attempted {len(writes)}, acknowledged {len(acknowledged)}, "
        f"acknowledged and found {len(found)}, lost {len(acknowledged) - len(found)}",
        f"responses recorded {len(outcomes)}; task queue drained: {run.queue_drained}; "
        f"worker alive afterwards: {run.worker_alive_after}; "
        f"same gunicorn master afterwards: {run.web_alive_after}",
    ]
    lines += [f"task still waiting: {row}" for row in run.queue_left]
    received = run.mail_received()
    ids = [message_id for _, message_id in received]
    lines.append(
        f"emails queued and marked sent {len(run.mail_recorded_sent)}, received "
        f"{len(received)} ({len(set(ids))} distinct), duplicates {len(ids) - len(set(ids))}, "
        f"refusals answered {len(run.stack.smtp.refused)}; outbox drained: {run.mail_drained}"
    )
    for fault in run.faults:
        window = fault.window(outcomes)
        refused = [o for o in window if o.write and not o.acknowledged]
        taken = [o for o in window if o.write and o.acknowledged]
        foreign = [o for o in window if not o.own]
        lines.append(
            f"{fault.name} stopped for {fault.down_for:.1f} s (answering again "
            f"{fault.back_at - fault.stopped_at:.1f} s after the stop began): "
            f"{len(window)} responses until recovery, {len(foreign)} not the site's own; "
            f"writes refused {len(refused)}, acknowledged {len(taken)}; "
            f"recovery after restart: first write {_seconds(fault.write_recovery)}, "
            f"/readyz ok {_seconds(fault.ready_recovery)}"
            + (
                f", first email accepted {_seconds(fault.mail_recovery)}"
                if fault.name.startswith("Mail")
                else ""
            )
        )
    return "\n".join(lines)


def _seconds(value: float | None) -> str:
    return "never" if value is None else f"{value:.1f} s"
