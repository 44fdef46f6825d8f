"""What the treatments app holds about a member: their treatment entries and reports."""

from alongside.treatments.models import MemberTreatment


def export(user) -> dict:
    entries = (
        MemberTreatment.objects.filter(user=user)
        .select_related("treatment", "community", "report")
        .prefetch_related("report__side_effects")
    )
    return {"treatment_entries": [_entry(entry) for entry in entries]}


def _entry(entry: MemberTreatment) -> dict:
    report = getattr(entry, "report", None)
    return {
        "community": entry.community.slug,
        "treatment": entry.treatment.slug,
        "dose": entry.dose_label,
        "schedule": entry.schedule,
        "titration": entry.titration,
        "started_on": entry.started_on.isoformat() if entry.started_on else None,
        "stopped_on": entry.stopped_on.isoformat() if entry.stopped_on else None,
        "stop_reason": entry.stop_reason,
        "audience": entry.audience,
        "effectiveness": report.effectiveness if report else None,
        "burden": report.burden if report else None,
        "side_effects": ({e.name: e.severity for e in report.side_effects.all()} if report else {}),
    }
