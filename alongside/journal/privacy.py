"""What the journal holds about a member, for export and erasure. A carer's own record (whom
they help) is exported with them and erased with them; the journals they helped with stay
their owners', with "made by" cleared on erasure (the foreign keys SET_NULL)."""

from alongside.journal.models import (
    AccessEntry,
    Carer,
    Journal,
)


def export(user) -> dict:
    journals = (
        Journal.objects.filter(owner=user)
        .select_related("community")
        .prefetch_related(
            "checkins", "relapses", "responses", "questions", "summaries__links", "carers"
        )
    )
    return {
        "journals": [_journal(journal) for journal in journals],
        "caring_for": [
            {"journal_owner_community": c.journal.community.slug, "status": c.status}
            for c in Carer.objects.filter(user=user).select_related("journal__community")
        ],
    }


def _journal(journal: Journal) -> dict:
    return {
        "community": journal.community.slug,
        "symptoms": journal.symptoms,
        "own_symptoms": journal.own_symptoms,
        "count_in_figures": journal.count_in_figures,
        "reminders": {
            "days": journal.reminder_days,
            "time": journal.reminder_time,
            "quiet_from": journal.quiet_from,
            "quiet_until": journal.quiet_until,
        },
        "checkins": [
            {"day": c.day, "scores": c.scores, "note": c.note} for c in journal.checkins.all()
        ],
        "relapses": [_relapse(r) for r in journal.relapses.all()],
        "questionnaires": [
            {
                "instrument": r.instrument,
                "version": r.version,
                "answers": r.answers,
                "score": r.score,
                "band": r.band,
                "completed_at": r.completed_at,
            }
            for r in journal.responses.all()
        ],
        "questions": [{"text": q.text, "asked": q.asked} for q in journal.questions.all()],
        "visit_summaries": [
            {
                "from": s.period_start,
                "to": s.period_end,
                "concern": s.concern,
                # The PDF can be made again from these dates on the journal's summary page.
                "share_links": [
                    {"label": link.label, "expires": link.expires_at, "revoked": link.revoked_at}
                    for link in s.links.all()
                ],
            }
            for s in journal.summaries.all()
        ],
        "carers": [
            {
                "email": c.email,
                "status": c.status,
                "can_view": c.can_view,
                "can_add": c.can_add,
                "can_summarise": c.can_summarise,
            }
            for c in journal.carers.all()
        ],
        "access_log": [
            {"who": a.who, "what": a.kind, "at": a.at}
            for a in AccessEntry.objects.filter(journal=journal)
        ],
    }


def _relapse(relapse) -> dict:
    fields = (
        "started_on",
        "what_changed",
        "over_24_hours",
        "fever",
        "infection",
        "heat",
        "team_told",
        "steroids",
        "recovery",
    )
    return {name: getattr(relapse, name) for name in fields}


def erase(*, user, keep_posts: bool) -> None:
    """The journal is health data: deleted whatever `keep_posts` says."""
    from alongside.journal.services import journal_erase_for

    journal_erase_for(user=user)
