"""Every write to the journal. Carers act through the same functions as the owner, with the
`author` recorded on each entry, so "who made this" is never lost."""

import secrets
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.core.addresses import base_url_for
from alongside.core.tasks import enqueue_on_commit
from alongside.journal import instruments
from alongside.journal.models import (
    AccessEntry,
    AccessKind,
    Carer,
    CarerStatus,
    CheckIn,
    Journal,
    JournalFigure,
    QuestionnaireResponse,
    Relapse,
    SavedQuestion,
    ShareLink,
    VisitSummary,
)
from alongside.journal.selectors import Access, local_today, token_hash
from alongside.journal.symptoms import DEFAULT_TRACKED, MAX_OWN_SYMPTOMS, SCORE_MAX, SYMPTOMS

SHARE_DAYS_DEFAULT = 14
SHARE_DAYS_MAX = 90
TOKEN_BYTES = 32  # 256 bits: not guessable, and only its SHA-256 is stored
OLDEST_FILLABLE_DAYS = 730

RELAPSE_FIELDS = (
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


def journal_get_or_create(*, owner: User, community: Community) -> Journal:
    journal, _created = Journal.objects.get_or_create(
        owner=owner, community=community, defaults={"symptoms": list(DEFAULT_TRACKED)}
    )
    return journal


def journal_symptoms_set(*, journal: Journal, keys: list[str], own: list[str]) -> Journal:
    """The built-in symptoms chosen plus the member's own (named freely, at most five)."""
    names = [name.strip()[:60] for name in own if name and name.strip()][:MAX_OWN_SYMPTOMS]
    existing = {name: key for key, name in journal.own_symptoms.items()}
    own_map = {}
    for name in names:
        key = existing.get(name) or f"own-{secrets.token_hex(3)}"
        own_map[key] = name
    chosen = [key for key in SYMPTOMS if key in keys] + list(own_map)
    if not chosen:
        raise ValidationError(_("Choose at least one symptom to track."))
    journal.symptoms = chosen
    journal.own_symptoms = own_map
    journal.save(update_fields=["symptoms", "own_symptoms", "updated_at"])
    return journal


def journal_settings_update(*, journal: Journal, **fields: Any) -> Journal:
    allowed = {
        "count_in_figures",
        "questionnaires",
        "questionnaire_every_days",
        "reminder_days",
        "reminder_time",
        "quiet_from",
        "quiet_until",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(journal, name, value)
    journal.save(update_fields=[*fields, "updated_at"])
    return journal


# Check-ins ----------------------------------------------------------------------------------


def checkin_day_check(*, access: Access, day: date) -> None:
    today = local_today(access.journal.owner)
    if day > today:
        raise ValidationError(_("A check-in cannot be for a day that has not happened yet."))
    if day < today - timedelta(days=OLDEST_FILLABLE_DAYS):
        raise ValidationError(_("That day is too long ago to fill in."))


def checkin_save(*, access: Access, day: date, scores: dict[str, int | None], note: str) -> CheckIn:
    """Create or update the day's check-in. Scores outside the tracked symptoms or the 0-4
    scale are refused; a symptom left empty is not recorded (an autosave may be partial)."""
    checkin_day_check(access=access, day=day)
    clean = _scores_clean(access.journal, scores)
    with transaction.atomic():
        checkin, _created = CheckIn.objects.select_for_update().get_or_create(
            journal=access.journal,
            day=day,
            defaults={"created_by": access.viewer, "updated_by": access.viewer},
        )
        checkin.scores = clean
        checkin.note = note.strip()[:2000]
        checkin.updated_by = access.viewer
        checkin.save()
        access_log(access=access, kind=AccessKind.ADDED_CHECKIN)
    return checkin


def _scores_clean(journal: Journal, scores: dict) -> dict[str, int]:
    clean = {}
    for key, value in scores.items():
        if value is None or value == "":
            continue
        if key not in journal.symptoms:
            raise ValidationError(_("That symptom is not one you track."))
        if not isinstance(value, int) or not 0 <= value <= SCORE_MAX:
            raise ValidationError(_("Choose a score from 0 (none) to 4 (severe)."))
        clean[key] = value
    return clean


def checkin_delete(*, access: Access, checkin: CheckIn) -> None:
    checkin.delete()


# Relapses -------------------------------------------------------------------------------------


def relapse_save(*, access: Access, values: dict, relapse: Relapse | None = None) -> Relapse:
    if values["started_on"] > local_today(access.journal.owner):
        raise ValidationError(_("A relapse cannot start in the future."))
    relapse = relapse or Relapse(journal=access.journal, created_by=access.viewer)
    for name in RELAPSE_FIELDS:
        if name in values:
            setattr(relapse, name, values[name])
    relapse.updated_by = access.viewer
    relapse.full_clean(exclude=["journal", "created_by", "updated_by"])
    with transaction.atomic():
        relapse.save()
        access_log(access=access, kind=AccessKind.ADDED_RELAPSE)
    return relapse


def relapse_delete(*, access: Access, relapse: Relapse) -> None:
    relapse.delete()


# Questionnaires -------------------------------------------------------------------------------


def questionnaire_submit(
    *, access: Access, code: str, answers: dict[str, int]
) -> QuestionnaireResponse:
    """Score and keep the answers. Only the owner answers for themselves. The caller must show
    the crisis response at once when `safety_flag` is set (views and API both do)."""
    if not access.is_owner:
        raise PermissionError("only the journal's owner answers a questionnaire")
    spec = instruments.instrument(code)
    try:
        result = instruments.score(code, answers)
    except ValueError as error:
        raise ValidationError(_("Please answer every question.")) from error
    keys = {key for key, _text in spec.items}
    return QuestionnaireResponse.objects.create(
        journal=access.journal,
        instrument=code,
        version=spec.version,
        answers={key: value for key, value in answers.items() if key in keys},
        score=result.total,
        band=result.band,
        safety_flag=result.safety_flag,
    )


# Questions for the neurologist ----------------------------------------------------------------


def question_save(
    *, journal: Journal, text: str, source_title: str = "", source_url: str = ""
) -> SavedQuestion:
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your question first."))
    url = source_url if source_url.startswith("/") and not source_url.startswith("//") else ""
    return SavedQuestion.objects.create(
        journal=journal, text=text[:500], source_title=source_title[:200], source_url=url[:500]
    )


def question_update(
    *, question: SavedQuestion, text: str | None = None, asked: bool | None = None
) -> SavedQuestion:
    if text is not None:
        if not text.strip():
            raise ValidationError(_("Write your question first."))
        question.text = text.strip()[:500]
    if asked is not None:
        question.asked = asked
    question.save()
    return question


def question_delete(*, question: SavedQuestion) -> None:
    question.delete()


# Visit summaries and share links ----------------------------------------------------------------


def summary_save(
    *,
    access: Access,
    period_start: date,
    period_end: date,
    concern: str,
    summary: VisitSummary | None = None,
) -> VisitSummary:
    if period_start > period_end:
        raise ValidationError(_("The period must start before it ends."))
    summary = summary or VisitSummary(journal=access.journal, created_by=access.viewer)
    summary.period_start, summary.period_end = period_start, period_end
    summary.concern = concern.strip()[:2000]
    with transaction.atomic():
        summary.save()
        access_log(access=access, kind=AccessKind.PREPARED_SUMMARY)
    return summary


def summary_delete(*, summary: VisitSummary) -> None:
    summary.delete()


def share_link_create(
    *, summary: VisitSummary, days: int = SHARE_DAYS_DEFAULT, label: str = ""
) -> tuple[ShareLink, str]:
    """A new link and its token; the token is shown once and never stored."""
    if not 1 <= days <= SHARE_DAYS_MAX:
        raise ValidationError(_("A link can last from 1 to 90 days."))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink.objects.create(
        summary=summary,
        token_hash=token_hash(token),
        label=label.strip()[:80],
        expires_at=timezone.now() + timedelta(days=days),
    )
    return link, token


def share_link_revoke(*, link: ShareLink) -> ShareLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def share_link_opened(*, link: ShareLink) -> None:
    AccessEntry.objects.create(
        journal_id=link.summary.journal_id,
        link=link,
        who=link.label or _("Someone with a share link"),
        kind=AccessKind.OPENED_LINK,
    )


# Carers ---------------------------------------------------------------------------------------


def carer_invite(
    *, access: Access, email: str, can_view: bool, can_add: bool, can_summarise: bool
) -> tuple[Carer, str]:
    """Invite a loved one by email; they accept with the link while signed in as that address."""
    email = email.strip().lower()
    if email == access.journal.owner.email.lower():
        raise ValidationError(_("That is your own address."))
    if not (can_view or can_add or can_summarise):
        raise ValidationError(_("Choose at least one thing they may do."))
    taken = Carer.objects.filter(journal=access.journal, email=email).exclude(
        status=CarerStatus.REVOKED
    )
    if taken.exists():
        raise ValidationError(_("You have already invited that address."))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    carer = Carer.objects.create(
        journal=access.journal,
        email=email,
        invite_hash=token_hash(token),
        can_view=can_view,
        can_add=can_add,
        can_summarise=can_summarise,
    )
    from alongside.journal.tasks import carer_invite_send

    # The link uses the address the owner is using now; the task runs later, outside this request.
    enqueue_on_commit(carer_invite_send, carer.pk, token, base_url_for(access.journal.community))
    return carer, token


def carer_accept(*, carer: Carer, user: User) -> Carer:
    """The invited address must be the accepting account's own: a forwarded link is useless."""
    if user.email.lower() != carer.email.lower():
        raise ValidationError(
            _("This invitation was sent to another email address. Sign in with that one.")
        )
    if user.pk == carer.journal.owner_id:
        raise ValidationError(_("You cannot be your own carer."))
    carer.user = user
    carer.status = CarerStatus.ACTIVE
    carer.accepted_at = timezone.now()
    carer.save(update_fields=["user", "status", "accepted_at", "updated_at"])
    return carer


def carer_update(*, carer: Carer, can_view: bool, can_add: bool, can_summarise: bool) -> Carer:
    if not (can_view or can_add or can_summarise):
        raise ValidationError(_("Choose at least one thing they may do, or revoke their access."))
    carer.can_view, carer.can_add, carer.can_summarise = can_view, can_add, can_summarise
    carer.save(update_fields=["can_view", "can_add", "can_summarise", "updated_at"])
    return carer


def carer_revoke(*, carer: Carer) -> Carer:
    carer.status = CarerStatus.REVOKED
    carer.revoked_at = timezone.now()
    carer.save(update_fields=["status", "revoked_at", "updated_at"])
    return carer


def access_log(*, access: Access, kind: str) -> None:
    """Record what a carer did or saw; the owner's own visits are not logged."""
    if access.is_owner:
        return
    from alongside.journal.selectors import _name_of

    AccessEntry.objects.create(
        journal=access.journal, carer=access.carer, who=_name_of(access.viewer), kind=kind
    )


# Reminders ------------------------------------------------------------------------------------


def reminder_due(*, journal: Journal, now: datetime) -> bool:
    """Due when today (in the member's zone) is a chosen day, the chosen time has passed, no
    reminder went today, and it is not quiet hours there."""
    from zoneinfo import ZoneInfo

    if journal.reminder_time is None or not journal.reminder_days:
        return False
    zone = getattr(getattr(journal.owner, "profile", None), "time_zone", "") or "UTC"
    try:
        local = now.astimezone(ZoneInfo(zone))
    except (KeyError, ValueError):
        local = now.astimezone(ZoneInfo("UTC"))
    if local.weekday() not in journal.reminder_days or journal.reminded_on == local.date():
        return False
    return local.time() >= journal.reminder_time and not _quiet(journal, local.time())


def _quiet(journal: Journal, moment) -> bool:
    start, end = journal.quiet_from, journal.quiet_until
    if start is None or end is None or start == end:
        return False
    return start <= moment < end if start < end else moment >= start or moment < end


def reminder_claim(*, journal: Journal, today: date) -> bool:
    """Mark today's reminder as sent; False when another run already did (sends once)."""
    updated = Journal.objects.filter(pk=journal.pk).exclude(reminded_on=today)
    return bool(updated.update(reminded_on=today))


# Erasure and the community's figures --------------------------------------------------------


def journal_erase_for(*, user: User) -> None:
    """The journal is health data: deleted on erasure whatever happens to posts (cascades to
    every entry, summary, share link and carer grant). Helping others' journals ends too."""
    Journal.objects.filter(owner=user).delete()
    Carer.objects.filter(user=user).delete()


@transaction.atomic
def journal_figures_save(
    *,
    community: Community,
    symptoms: dict[str, Any],
    treatments: dict[str, dict[str, Any]],
    computed_at: datetime,
) -> None:
    """Replace the community's journal figures with freshly computed ones, at once."""
    JournalFigure.objects.filter(community=community).delete()
    JournalFigure.objects.create(
        community=community, key="symptoms", figures=symptoms, computed_at=computed_at
    )
    JournalFigure.objects.bulk_create(
        JournalFigure(
            community=community, key=f"treatment:{slug}", figures=f, computed_at=computed_at
        )
        for slug, f in treatments.items()
    )
