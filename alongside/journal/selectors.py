"""Every read of a journal goes through here and takes the viewer.

`journal_access_for` is the one gate: the owner may do everything; an active carer only what
the owner granted; anyone else gets a 404 (nothing to see, not even that a journal exists).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.core.prepared import Day, Int, Moment, Prepared, Text, Uuid
from alongside.journal.models import (
    AccessEntry,
    Carer,
    CarerStatus,
    CheckIn,
    Journal,
    JournalFigure,
    JournalWording,
    QuestionnaireResponse,
    Relapse,
    SavedQuestion,
    ShareLink,
    VisitSummary,
)

SAFETY_NOTICE_DAYS = 14


class Need(StrEnum):
    VIEW = "view"
    ADD = "add"
    SUMMARISE = "summarise"
    OWNER = "owner"
    ANY = "any"  # any one permission: a carer who may only add still reaches the check-in


@dataclass(frozen=True)
class Access:
    """What one viewer may do with one journal."""

    journal: Journal
    viewer: User
    carer: Carer | None = None

    @property
    def is_owner(self) -> bool:
        return self.journal.owner_id == getattr(self.viewer, "pk", None)

    @property
    def can_view(self) -> bool:
        return self.is_owner or (self.carer is not None and self.carer.can_view)

    @property
    def can_add(self) -> bool:
        return self.is_owner or (self.carer is not None and self.carer.can_add)

    @property
    def can_summarise(self) -> bool:
        return self.is_owner or (self.carer is not None and self.carer.can_summarise)

    def allows(self, need: Need) -> bool:
        return {
            Need.VIEW: self.can_view,
            Need.ADD: self.can_add,
            Need.SUMMARISE: self.can_summarise,
            Need.OWNER: self.is_owner,
            Need.ANY: self.can_view or self.can_add or self.can_summarise,
        }[need]

    @property
    def owner_name(self) -> str:
        return _name_of(self.journal.owner)


def _name_of(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.email.split("@")[0]


def journal_access_for(
    *, viewer: User | AnonymousUser, public_id: UUID | str, community: Community, need: Need
) -> Access:
    """The viewer's access to the journal with this id in this community, else Http404."""
    if not viewer.is_authenticated:
        raise Http404
    journal = _JOURNAL.first(public_id=public_id, community=community.pk)
    if journal is None:
        raise Http404
    access = Access(
        journal, viewer, None if journal.owner_id == viewer.pk else _carer(journal, viewer)
    )
    if (not access.is_owner and access.carer is None) or not access.allows(need):
        raise Http404
    return access


# The reads below run on every view of a journal's pages: their SQL is built once per process
# (core/prepared.py), each with `.first()` written as a slice of the same order.
_JOURNAL = Prepared(
    lambda *, public_id, community: (
        Journal.objects.select_related("owner__profile", "community")
        .filter(public_id=public_id, community_id=community)
        .order_by("pk")[:1]
    ),
    public_id=Uuid,
    community=Int,
)
_ACTIVE_CARER = Prepared(
    lambda *, journal, user: Carer.objects.filter(
        journal_id=journal, user_id=user, status=CarerStatus.ACTIVE
    )[:1],
    journal=Int,
    user=Int,
)


def _carer(journal: Journal, viewer) -> Carer | None:
    return _ACTIVE_CARER.first(journal=journal.pk, user=viewer.pk)


def own_journal_for(*, viewer: User | AnonymousUser, community: Community) -> Journal | None:
    if not viewer.is_authenticated:
        return None
    return Journal.objects.filter(owner=viewer, community=community).first()


def journals_cared_for(*, viewer: User | AnonymousUser, community: Community) -> list[Carer]:
    """The journals in this community the viewer helps with, and what they may do."""
    if not viewer.is_authenticated:
        return []
    return _CARED_FOR.rows(user=viewer.pk, community=community.pk)


_CARED_FOR = Prepared(
    lambda *, user, community: (
        Carer.objects.filter(
            user_id=user, status=CarerStatus.ACTIVE, journal__community_id=community
        )
        .select_related("journal__owner__profile")
        .order_by("journal_id")
    ),
    user=Int,
    community=Int,
)


# Today's check-in (for the member's home) ---------------------------------------------------


@dataclass(frozen=True)
class TodayState:
    journal_id: str | None
    done: bool
    day: date


def today_state_for(*, viewer: User | AnonymousUser, community: Community) -> TodayState | None:
    """Whether the viewer has checked in today, in one query; None for a visitor."""
    if not viewer.is_authenticated:
        return None
    today = local_today(viewer)
    row = (
        Journal.objects.filter(owner=viewer, community=community)
        .values("public_id")
        .annotate(done=Q(checkins__day=today))
        .order_by("-done")
        .first()
    )
    if row is None:
        return TodayState(journal_id=None, done=False, day=today)
    return TodayState(journal_id=str(row["public_id"]), done=bool(row["done"]), day=today)


def local_today(user: User) -> date:
    """Today in the member's own time zone (a profile setting), else the server's."""
    from zoneinfo import ZoneInfo

    zone = getattr(getattr(user, "profile", None), "time_zone", "") or ""
    try:
        return timezone.now().astimezone(ZoneInfo(zone)).date() if zone else timezone.localdate()
    except (KeyError, ValueError):
        return timezone.localdate()


# Check-ins and relapses ---------------------------------------------------------------------


def checkin_for(*, access: Access, day: date) -> CheckIn | None:
    return (
        CheckIn.objects.select_related("created_by__profile", "updated_by__profile")
        .filter(journal=access.journal, day=day)
        .first()
    )


def recent_checkins_for(*, access: Access, days: int = 14) -> list[CheckIn]:
    """The check-ins of the last `days` days (the owner's days), newest first, with who made
    and changed each. Nearly all are the owner's own, already loaded with the journal: only
    a carer's are read, in one more query, instead of two users and profiles per row."""
    journal = access.journal
    since = local_today(journal.owner) - timedelta(days=days)
    checkins = _RECENT_CHECKINS.rows(journal=journal.pk, since=since)
    people = {journal.owner_id: journal.owner}
    others = {c.created_by_id for c in checkins} | {c.updated_by_id for c in checkins}
    others -= {None, *people}
    if others:
        people.update(User.objects.select_related("profile").in_bulk(others))
    for checkin in checkins:
        checkin.journal = journal
        if checkin.created_by_id is not None:
            checkin.created_by = people[checkin.created_by_id]
        if checkin.updated_by_id is not None:
            checkin.updated_by = people[checkin.updated_by_id]
    return checkins


_RECENT_CHECKINS = Prepared(
    lambda *, journal, since: CheckIn.objects.filter(journal_id=journal, day__gte=since).order_by(
        "-day"
    ),
    journal=Int,
    since=Day,
)


def checkin_points_for(*, journal: Journal, start: date, end: date) -> list[tuple[date, dict]]:
    """(day, scores) for every check-in in the period, oldest first: one query, two columns."""
    return _CHECKIN_POINTS.rows(journal=journal.pk, start=start, end=end)


_CHECKIN_POINTS = Prepared(
    lambda *, journal, start, end: (
        CheckIn.objects.filter(journal_id=journal, day__gte=start, day__lte=end)
        .order_by("day")
        .values_list("day", "scores")
    ),
    journal=Int,
    start=Day,
    end=Day,
)


def relapses_for(*, access: Access) -> list[Relapse]:
    """Every relapse in the journal, newest first (`relapses_between` reads a period)."""
    return _RELAPSES.rows(journal=access.journal.pk)


_RELAPSES = Prepared(
    lambda *, journal: Relapse.objects.select_related("created_by__profile").filter(
        journal_id=journal
    ),
    journal=Int,
)


def relapses_between(
    *, journal: Journal, start: date, end: date, oldest_first: bool = False
) -> list[Relapse]:
    """The relapses that started in the period, newest first unless `oldest_first`."""
    return _RELAPSES_BETWEEN.rows(
        journal=journal.pk, start=start, end=end, oldest_first=oldest_first
    )


def _relapses_between_query(*, journal: int, start, end, oldest_first: bool):
    rows = Relapse.objects.filter(journal_id=journal, started_on__gte=start, started_on__lte=end)
    return rows.order_by("started_on") if oldest_first else rows


_RELAPSES_BETWEEN = Prepared(_relapses_between_query, journal=Int, start=Day, end=Day)


def relapse_get_for(*, access: Access, pk: int) -> Relapse:
    relapse = Relapse.objects.filter(journal=access.journal, pk=pk).first()
    if relapse is None:
        raise Http404
    return relapse


def relapse_prompt_for(*, community: Community) -> str:
    wording = JournalWording.objects.filter(community=community).first()
    return wording.relapse_prompt if wording else ""


# Questionnaires -------------------------------------------------------------------------------


def responses_for(
    *, journal: Journal, start: date | None = None, end: date | None = None
) -> list[QuestionnaireResponse]:
    if start and end:
        return _RESPONSES_BETWEEN.rows(journal=journal.pk, start=start, end=end)
    return list(QuestionnaireResponse.objects.filter(journal=journal).order_by("completed_at"))


_RESPONSES_BETWEEN = Prepared(
    lambda *, journal, start, end: QuestionnaireResponse.objects.filter(
        journal_id=journal, completed_at__date__gte=start, completed_at__date__lte=end
    ).order_by("completed_at"),
    journal=Int,
    start=Day,
    end=Day,
)


@dataclass(frozen=True)
class QuestionnaireState:
    due: list[str]  # chosen instruments not answered within the member's chosen interval
    safety: bool  # a PHQ-9 with item 9 above zero in the last two weeks: keep showing help


def questionnaire_state_for(*, access: Access) -> QuestionnaireState:
    """What the journal's home says about questionnaires, in one query. Only the owner is
    reminded or shown the safety notice; others get an empty state."""
    if not access.is_owner:
        return QuestionnaireState(due=[], safety=False)
    journal, now = access.journal, timezone.now()
    every = now - timedelta(days=journal.questionnaire_every_days)
    safety_since = now - timedelta(days=SAFETY_NOTICE_DAYS)
    rows = _RESPONSES_SINCE.rows(journal=journal.pk, since=min(every, safety_since))
    recent = {code for code, _, completed in rows if completed >= every}
    return QuestionnaireState(
        due=[code for code in journal.questionnaires if code not in recent],
        safety=any(flag and completed >= safety_since for _, flag, completed in rows),
    )


_RESPONSES_SINCE = Prepared(
    lambda *, journal, since: QuestionnaireResponse.objects.filter(
        journal_id=journal, completed_at__gte=since
    ).values_list("instrument", "safety_flag", "completed_at"),
    journal=Int,
    since=Moment,
)


# Questions, summaries, share links ------------------------------------------------------------


def questions_for(*, journal: Journal, open_only: bool = False) -> list[SavedQuestion]:
    return _QUESTIONS.rows(journal=journal.pk, open_only=open_only)


def _questions_query(*, journal: int, open_only: bool):
    rows = SavedQuestion.objects.filter(journal_id=journal)
    return rows.filter(asked=False) if open_only else rows


_QUESTIONS = Prepared(_questions_query, journal=Int)


def question_get_for(*, access: Access, pk: int) -> SavedQuestion:
    question = SavedQuestion.objects.filter(journal=access.journal, pk=pk).first()
    if question is None:
        raise Http404
    return question


def summaries_for(*, access: Access) -> list[VisitSummary]:
    return list(VisitSummary.objects.filter(journal=access.journal))


def summary_access_for(
    *,
    viewer: User | AnonymousUser,
    public_id: UUID | str,
    pk: int,
    community: Community,
    need: Need,
) -> tuple[Access, VisitSummary]:
    """(access, summary) in one query for the owner (the summary brings its journal)."""
    if not viewer.is_authenticated:
        raise Http404
    summary = _SUMMARY.first(pk=pk, public_id=public_id, community=community.pk)
    if summary is None:
        raise Http404
    journal = summary.journal
    carer = None if journal.owner_id == viewer.pk else _carer(journal, viewer)
    access = Access(journal, viewer, carer)
    if not (access.is_owner or carer is not None) or not access.allows(need):
        raise Http404
    return access, summary


_SUMMARY = Prepared(
    lambda *, pk, public_id, community: VisitSummary.objects.select_related(
        "journal__owner__profile", "journal__community"
    ).filter(pk=pk, journal__public_id=public_id, journal__community_id=community)[:1],
    pk=Int,
    public_id=Uuid,
    community=Int,
)


def summary_get_for(*, access: Access, pk: int) -> VisitSummary:
    summary = VisitSummary.objects.filter(journal=access.journal, pk=pk).first()
    if summary is None:
        raise Http404
    summary.journal = access.journal  # already loaded with its owner: no second query
    return summary


def links_for(*, access: Access, summary: VisitSummary) -> list[ShareLink]:
    return _LINKS.rows(summary=summary.pk)


_LINKS = Prepared(lambda *, summary: ShareLink.objects.filter(summary_id=summary), summary=Int)


def link_get_for(*, access: Access, pk: int) -> ShareLink:
    link = ShareLink.objects.filter(summary__journal=access.journal, pk=pk).first()
    if link is None:
        raise Http404
    return link


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def shared_summary_get(*, token: str) -> ShareLink:
    """The live link for a token (with its summary and journal), else Http404: an expired,
    revoked or unknown token look the same from outside."""
    link = (
        ShareLink.objects.select_related(
            "summary__journal__owner__profile", "summary__journal__community"
        )
        .filter(token_hash=token_hash(token), revoked_at=None, expires_at__gt=timezone.now())
        .first()
    )
    if link is None:
        raise Http404
    return link


# Carers and the access log --------------------------------------------------------------------


def carers_for(*, access: Access) -> list[Carer]:
    return list(Carer.objects.filter(journal=access.journal).select_related("user__profile"))


def carer_get_for(*, access: Access, pk: int) -> Carer:
    carer = Carer.objects.filter(journal=access.journal, pk=pk).first()
    if carer is None:
        raise Http404
    return carer


def carer_invite_get(*, token: str) -> Carer:
    carer = (
        Carer.objects.select_related("journal__owner__profile", "journal__community")
        .filter(invite_hash=token_hash(token), status=CarerStatus.INVITED)
        .first()
    )
    if carer is None:
        raise Http404
    return carer


def accesses_for(*, access: Access, limit: int = 200) -> list[AccessEntry]:
    return list(AccessEntry.objects.filter(journal=access.journal)[:limit])


# Community figures ----------------------------------------------------------------------------


@dataclass
class FigureView:
    members: int = 0
    rows: list = field(default_factory=list)
    computed_at: object = None


def symptom_figures_for(*, community: Community) -> FigureView | None:
    return _figure(community, "symptoms")


def treatment_figures_for(*, community: Community, treatment_slug: str) -> FigureView | None:
    return _figure(community, f"treatment:{treatment_slug}")


def _figure(community, key: str) -> FigureView | None:
    row = _FIGURE.first(community=community.pk, key=key)
    if row is None or not row.figures.get("rows"):
        return None
    return FigureView(row.figures["members"], row.figures["rows"], row.computed_at)


_FIGURE = Prepared(
    lambda *, community, key: JournalFigure.objects.filter(
        community_id=community, key=key
    ).order_by("pk")[:1],
    community=Int,
    key=Text,
)
