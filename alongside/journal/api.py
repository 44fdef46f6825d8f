"""The journal in the JSON API: the same selectors (which take the viewer) and services as
the pages, so the same people are refused and the same rules apply."""

from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from ninja import Router, Schema, Status

from alongside.communities.access import require_member
from alongside.core.schemas import Error, example
from alongside.journal import instruments, selectors, services
from alongside.journal.crisis import crisis_resources_for
from alongside.journal.models import AccessKind, Answer, Recovery
from alongside.journal.selectors import Need
from alongside.journal.summaries import summary_view_for, symptom_series
from alongside.journal.symptoms import tracked

router = Router(tags=["journal"])

_JOURNAL = {
    "id": "c4f7a2e1-9b3d-4e6a-8f15-2d7c0b9e4a31",
    "owner_name": "Alex Morgan",
    "is_owner": True,
    "can_view": True,
    "can_add": True,
    "can_summarise": True,
    "symptoms": [
        {"key": "fatigue", "name": "Fatigue"},
        {"key": "walking", "name": "Walking or balance"},
    ],
}
_RELAPSE = {
    "started_on": "2026-03-09",
    "what_changed": "Numb left hand, worse when typing.",
    "over_24_hours": "yes",
    "fever": "no",
    "infection": "unsure",
    "heat": "no",
    "team_told": "yes",
    "steroids": "no",
    "recovery": "mostly",
}
_SUMMARY = {
    "id": 21,
    "period_start": "2026-01-19",
    "period_end": "2026-04-18",
    "concern": "More tired in the afternoons since February.",
}


def _error(error: ValidationError) -> Status:
    return Status(400, {"detail": " ".join(error.messages)})


def _access(request, jid: UUID, need: Need):
    return selectors.journal_access_for(
        viewer=request.user, public_id=jid, community=request.community, need=need
    )


class SymptomOut(Schema):
    key: str
    name: str


class JournalOut(Schema):
    model_config = example(_JOURNAL)

    id: UUID
    owner_name: str
    is_owner: bool
    can_view: bool
    can_add: bool
    can_summarise: bool
    symptoms: list[SymptomOut]


def _journal_out(access) -> dict:
    return {
        "id": access.journal.public_id,
        "owner_name": access.owner_name,
        "is_owner": access.is_owner,
        "can_view": access.can_view,
        "can_add": access.can_add,
        "can_summarise": access.can_summarise,
        "symptoms": [{"key": k, "name": n} for k, n in tracked(access.journal)],
    }


class TodayOut(Schema):
    model_config = example(
        {"journal": "c4f7a2e1-9b3d-4e6a-8f15-2d7c0b9e4a31", "day": "2026-04-18", "done": False}
    )

    journal: UUID | None
    day: date
    done: bool


@router.get("/today", response=TodayOut)
def today(request):
    """Whether the member has checked in today (for the member's home)."""
    require_member(user=request.user, community=request.community)
    state = selectors.today_state_for(viewer=request.user, community=request.community)
    if state is None:  # a visitor: require_member has already answered 404
        raise Http404
    return {"journal": state.journal_id, "day": state.day, "done": state.done}


@router.post("", response={201: JournalOut})
def journal_start(request):
    """The member's own journal in this community (made on first use)."""
    require_member(user=request.user, community=request.community)
    journal = services.journal_get_or_create(owner=request.user, community=request.community)
    return Status(201, _journal_out(selectors.Access(journal, request.user)))


@router.get("/{jid}", response=JournalOut)
def journal_detail(request, jid: UUID):
    return _journal_out(_access(request, jid, Need.ANY))


class SymptomsIn(Schema):
    model_config = example({"symptoms": ["fatigue", "walking", "sleep"], "own": ["Hand tremor"]})

    symptoms: list[str]
    own: list[str] = []


@router.put("/{jid}/symptoms", response={200: JournalOut, 400: Error})
def symptoms_set(request, jid: UUID, data: SymptomsIn):
    access = _access(request, jid, Need.OWNER)
    try:
        services.journal_symptoms_set(journal=access.journal, keys=data.symptoms, own=data.own)
    except ValidationError as error:
        return _error(error)
    return _journal_out(access)


# Check-ins ------------------------------------------------------------------------------------


class CheckInIn(Schema):
    model_config = example(
        {"scores": {"fatigue": 3, "walking": 1, "sleep": None}, "note": "Busy day at work."}
    )

    scores: dict[str, int | None] = {}
    note: str = ""


class CheckInOut(Schema):
    model_config = example(
        {
            "day": "2026-04-18",
            "scores": {"fatigue": 3, "walking": 1},
            "note": "Busy day at work.",
            "made_by": "Alex Morgan",
            "changed_by": "Alex Morgan",
        }
    )

    day: date
    scores: dict[str, int]
    note: str
    made_by: str
    changed_by: str


def _made_by(user) -> str:
    return user.get_full_name() if user else ""


def _checkin_out(checkin) -> dict:
    return {
        "day": checkin.day,
        "scores": checkin.scores,
        "note": checkin.note,
        "made_by": _made_by(checkin.created_by),
        "changed_by": _made_by(checkin.updated_by),
    }


@router.get("/{jid}/checkins", response=list[CheckInOut])
def checkins(request, jid: UUID, days: int = 14):
    access = _access(request, jid, Need.VIEW)
    services.access_log(access=access, kind=AccessKind.VIEWED)
    items = selectors.recent_checkins_for(access=access, days=min(max(days, 1), 731))
    return [_checkin_out(item) for item in items]


@router.put("/{jid}/checkins/{day}", response={200: CheckInOut, 400: Error})
def checkin_save(request, jid: UUID, day: date, data: CheckInIn):
    access = _access(request, jid, Need.ADD)
    try:
        saved = services.checkin_save(access=access, day=day, scores=data.scores, note=data.note)
    except ValidationError as error:
        return _error(error)
    return _checkin_out(selectors.checkin_for(access=access, day=saved.day))


# Relapses -------------------------------------------------------------------------------------


class RelapseIn(Schema):
    model_config = example(_RELAPSE)

    started_on: date
    what_changed: str
    over_24_hours: Answer
    fever: Answer = Answer.NO
    infection: Answer = Answer.NO
    heat: Answer = Answer.NO
    team_told: Answer = Answer.NO
    steroids: Answer = Answer.NO
    recovery: Recovery = Recovery.ONGOING


class RelapseOut(RelapseIn):
    model_config = example(
        _RELAPSE
        | {
            "id": 14,
            "maybe_pseudo": False,
            "made_by": "Alex Morgan",
            "tell_your_team": "New or worse symptoms that last more than a day are worth a call "
            "to your MS nurse or neurologist.",
        }
    )

    id: int
    maybe_pseudo: bool
    made_by: str
    tell_your_team: str | None = None


def _relapse_out(relapse, prompt: str | None = None) -> dict:
    fields = {name: getattr(relapse, name) for name in services.RELAPSE_FIELDS}
    return {
        **fields,
        "id": relapse.pk,
        "maybe_pseudo": relapse.maybe_pseudo,
        "made_by": _made_by(relapse.created_by),
        "tell_your_team": prompt,
    }


@router.get("/{jid}/relapses", response=list[RelapseOut])
def relapses(request, jid: UUID):
    access = _access(request, jid, Need.VIEW)
    services.access_log(access=access, kind=AccessKind.VIEWED)
    return [_relapse_out(r) for r in selectors.relapses_for(access=access)]


@router.post("/{jid}/relapses", response={201: RelapseOut, 400: Error})
def relapse_create(request, jid: UUID, data: RelapseIn):
    access = _access(request, jid, Need.ADD)
    try:
        relapse = services.relapse_save(access=access, values=data.dict())
    except ValidationError as error:
        return _error(error)
    prompt = selectors.relapse_prompt_for(community=request.community) or (
        "New or worse symptoms that last more than a day are worth a call to your MS nurse "
        "or neurologist."
    )
    return Status(201, _relapse_out(relapse, prompt))


@router.put("/{jid}/relapses/{pk}", response={200: RelapseOut, 400: Error})
def relapse_update(request, jid: UUID, pk: int, data: RelapseIn):
    access = _access(request, jid, Need.ADD)
    relapse = selectors.relapse_get_for(access=access, pk=pk)
    try:
        relapse = services.relapse_save(access=access, values=data.dict(), relapse=relapse)
    except ValidationError as error:
        return _error(error)
    return _relapse_out(relapse)


@router.delete("/{jid}/relapses/{pk}", response={204: None})
def relapse_delete(request, jid: UUID, pk: int):
    access = _access(request, jid, Need.OWNER)
    services.relapse_delete(access=access, relapse=selectors.relapse_get_for(access=access, pk=pk))
    return Status(204, None)


# Questionnaires -------------------------------------------------------------------------------


class ResponseOut(Schema):
    model_config = example(
        {
            "instrument": "gad7",
            "version": "1",
            "score": 6,
            "max_score": 21,
            "band": "Mild",
            "completed_at": "2026-04-18T19:40:00Z",
            "crisis_resources": None,
        }
    )

    instrument: str
    version: str
    score: int
    max_score: int
    band: str
    completed_at: datetime
    crisis_resources: str | None = None


class AnswersIn(Schema):
    model_config = example(
        {"answers": {"q1": 1, "q2": 1, "q3": 2, "q4": 1, "q5": 0, "q6": 1, "q7": 0}}
    )

    answers: dict[str, int]


def _response_out(response, resources=None) -> dict:
    spec = instruments.instrument(response.instrument)
    return {
        "instrument": response.instrument,
        "version": response.version,
        "score": response.score,
        "max_score": spec.max_score,
        "band": response.band,
        "completed_at": response.completed_at,
        "crisis_resources": resources,
    }


@router.get("/{jid}/questionnaires", response=list[ResponseOut])
def responses(request, jid: UUID):
    access = _access(request, jid, Need.VIEW)
    return [_response_out(r) for r in selectors.responses_for(journal=access.journal)]


@router.post("/{jid}/questionnaires/{code}", response={201: ResponseOut, 400: Error})
def questionnaire_submit(request, jid: UUID, code: str, data: AnswersIn):
    """A PHQ-9 with item 9 above zero returns the community's crisis resources: show them."""
    access = _access(request, jid, Need.OWNER)
    if code not in instruments.CODES:
        raise Http404
    try:
        response = services.questionnaire_submit(access=access, code=code, answers=data.answers)
    except ValidationError as error:
        return _error(error)
    resources = crisis_resources_for(community=request.community) if response.safety_flag else None
    return Status(201, _response_out(response, resources))


# Trends ---------------------------------------------------------------------------------------


class SeriesOut(Schema):
    model_config = example(
        {
            "key": "fatigue",
            "name": "Fatigue",
            "points": [["2026-04-16", 2.0], ["2026-04-17", 2.0], ["2026-04-18", 3.0]],
        }
    )

    key: str
    name: str
    points: list[tuple[date, float]]


@router.get("/{jid}/trends", response=list[SeriesOut])
def trends(request, jid: UUID, days: int = 90):
    access = _access(request, jid, Need.VIEW)
    services.access_log(access=access, kind=AccessKind.VIEWED_TRENDS)
    end = selectors.local_today(access.journal.owner)
    start = end - timedelta(days=min(max(days, 1), 731))
    points = selectors.checkin_points_for(journal=access.journal, start=start, end=end)
    return [
        {"key": key, "name": name, "points": symptom_series(points, key)}
        for key, name in tracked(access.journal)
    ]


# Questions ------------------------------------------------------------------------------------


class JournalQuestionIn(Schema):
    model_config = example(
        {
            "text": "Could the tiredness after lunch be a side effect?",
            "source_title": "Pacing your energy through the day",
            "source_url": "/library/pacing-your-energy/",
        }
    )

    text: str
    source_title: str = ""
    source_url: str = ""


class JournalQuestionPatch(Schema):
    model_config = example({"asked": True})

    text: str | None = None
    asked: bool | None = None


class JournalQuestionOut(Schema):
    model_config = example(
        {
            "id": 9,
            "text": "Could the tiredness after lunch be a side effect?",
            "source_title": "Pacing your energy through the day",
            "source_url": "/library/pacing-your-energy/",
            "asked": False,
        }
    )

    id: int
    text: str
    source_title: str
    source_url: str
    asked: bool


@router.get("/{jid}/questions", response=list[JournalQuestionOut])
def questions(request, jid: UUID):
    access = _access(request, jid, Need.SUMMARISE)
    return selectors.questions_for(journal=access.journal)


@router.post("/{jid}/questions", response={201: JournalQuestionOut, 400: Error})
def question_create(request, jid: UUID, data: JournalQuestionIn):
    access = _access(request, jid, Need.SUMMARISE)
    try:
        return Status(201, services.question_save(journal=access.journal, **data.dict()))
    except ValidationError as error:
        return _error(error)


@router.patch("/{jid}/questions/{pk}", response={200: JournalQuestionOut, 400: Error})
def question_patch(request, jid: UUID, pk: int, data: JournalQuestionPatch):
    access = _access(request, jid, Need.SUMMARISE)
    question = selectors.question_get_for(access=access, pk=pk)
    try:
        return services.question_update(question=question, text=data.text, asked=data.asked)
    except ValidationError as error:
        return _error(error)


@router.delete("/{jid}/questions/{pk}", response={204: None})
def question_delete(request, jid: UUID, pk: int):
    access = _access(request, jid, Need.SUMMARISE)
    services.question_delete(question=selectors.question_get_for(access=access, pk=pk))
    return Status(204, None)


# Visit summaries and share links ----------------------------------------------------------------


class SummaryIn(Schema):
    model_config = example(
        {
            "period_start": "2026-01-19",
            "period_end": "2026-04-18",
            "concern": "More tired in the afternoons since February.",
        }
    )

    period_start: date
    period_end: date
    concern: str = ""


class VisitSummaryListOut(Schema):
    model_config = example(_SUMMARY)

    id: int
    period_start: date
    period_end: date
    concern: str


class TreatmentLineOut(Schema):
    name: str
    dose: str
    schedule: str
    started_on: date | None
    stopped_on: date | None
    stop_reason: str
    changes: list[tuple[date, str]]
    side_effects: list[tuple[str, str]]


class TrendOut(Schema):
    key: str
    name: str
    days: int
    average: str
    first_half: str
    second_half: str
    direction: str


class ScoreOut(Schema):
    name: str
    completed: date
    score: int
    max_score: int
    band: str
    safety_flag: bool


class SummaryClashOut(Schema):
    first: str
    second: str
    severity: str
    effect: str
    source: str


class VisitSummaryOut(VisitSummaryListOut):
    model_config = example(
        _SUMMARY
        | {
            "prepared_by_member": True,
            "checkin_days": 71,
            "questions": ["Could the tiredness after lunch be a side effect?"],
            "treatments": [
                {
                    "name": "Low-dose naltrexone",
                    "dose": "4.5 mg",
                    "schedule": "daily",
                    "started_on": "2026-01-05",
                    "stopped_on": None,
                    "stop_reason": "",
                    "changes": [["2026-01-19", "1.5 mg to 4.5 mg"]],
                    "side_effects": [["Vivid dreams", "mild"]],
                }
            ],
            "relapses": [],
            "trends": [
                {
                    "key": "fatigue",
                    "name": "Fatigue",
                    "days": 71,
                    "average": "2.4",
                    "first_half": "2.1",
                    "second_half": "2.7",
                    "direction": "worse",
                }
            ],
            "scores": [
                {
                    "name": "GAD-7",
                    "completed": "2026-04-18",
                    "score": 6,
                    "max_score": 21,
                    "band": "Mild",
                    "safety_flag": False,
                }
            ],
            "clashes": [],
        }
    )

    prepared_by_member: bool = True
    checkin_days: int
    questions: list[str]
    treatments: list[TreatmentLineOut]
    relapses: list[RelapseOut]
    trends: list[TrendOut]
    scores: list[ScoreOut]
    clashes: list[SummaryClashOut]


def _summary_out(view) -> dict:
    summary = view.summary
    return {
        "id": summary.pk,
        "period_start": summary.period_start,
        "period_end": summary.period_end,
        "concern": summary.concern,
        "checkin_days": view.checkin_days,
        "questions": [q.text for q in view.questions],
        "treatments": view.treatments,
        "relapses": [_relapse_out(r) for r in view.relapses],
        "trends": view.trends,
        "scores": view.scores,
        "clashes": view.clashes,
    }


@router.get("/{jid}/summaries", response=list[VisitSummaryListOut])
def summaries(request, jid: UUID):
    access = _access(request, jid, Need.SUMMARISE)
    return [
        {
            "id": s.pk,
            "period_start": s.period_start,
            "period_end": s.period_end,
            "concern": s.concern,
        }
        for s in selectors.summaries_for(access=access)
    ]


@router.post("/{jid}/summaries", response={201: VisitSummaryOut, 400: Error})
def summary_create(request, jid: UUID, data: SummaryIn):
    access = _access(request, jid, Need.SUMMARISE)
    try:
        summary = services.summary_save(access=access, **data.dict())
    except ValidationError as error:
        return _error(error)
    return Status(
        201, _summary_out(summary_view_for(summary=summary, owner_name=access.owner_name))
    )


@router.get("/{jid}/summaries/{pk}", response=VisitSummaryOut)
def summary_detail(request, jid: UUID, pk: int):
    access = _access(request, jid, Need.SUMMARISE)
    summary = selectors.summary_get_for(access=access, pk=pk)
    services.access_log(access=access, kind=AccessKind.VIEWED_SUMMARY)
    return _summary_out(summary_view_for(summary=summary, owner_name=access.owner_name))


class ShareIn(Schema):
    model_config = example({"days": 14, "label": "Neurology clinic, May"})

    days: int = services.SHARE_DAYS_DEFAULT
    label: str = ""


class ShareOut(Schema):
    model_config = example(
        {
            "id": 5,
            "url": "http://localhost:8000/shared/summary/Vq3hX9kL2mP8sT4wZ7bN1cR6/",
            "label": "Neurology clinic, May",
            "expires_at": "2026-05-02T19:45:00Z",
            "revoked_at": None,
        }
    )

    id: int
    url: str | None = None  # only when the link is made: the token is never stored
    label: str
    expires_at: datetime
    revoked_at: datetime | None


@router.post("/{jid}/summaries/{pk}/links", response={201: ShareOut, 400: Error})
def link_create(request, jid: UUID, pk: int, data: ShareIn):
    access = _access(request, jid, Need.OWNER)
    summary = selectors.summary_get_for(access=access, pk=pk)
    try:
        link, token = services.share_link_create(summary=summary, days=data.days, label=data.label)
    except ValidationError as error:
        return _error(error)
    url = request.build_absolute_uri(reverse("journal:shared", args=[token]))
    return Status(201, {**_link_out(link), "url": url})


def _link_out(link) -> dict:
    return {
        "id": link.pk,
        "label": link.label,
        "expires_at": link.expires_at,
        "revoked_at": link.revoked_at,
    }


@router.get("/{jid}/summaries/{pk}/links", response=list[ShareOut])
def links(request, jid: UUID, pk: int):
    access = _access(request, jid, Need.OWNER)
    summary = selectors.summary_get_for(access=access, pk=pk)
    return [_link_out(link) for link in selectors.links_for(access=access, summary=summary)]


@router.delete("/{jid}/links/{pk}", response={204: None})
def link_revoke(request, jid: UUID, pk: int):
    access = _access(request, jid, Need.OWNER)
    services.share_link_revoke(link=selectors.link_get_for(access=access, pk=pk))
    return Status(204, None)


# Carers and the access list ---------------------------------------------------------------------


class CarerIn(Schema):
    model_config = example(
        {"email": "carer@example.org", "can_view": True, "can_add": True, "can_summarise": False}
    )

    email: str
    can_view: bool = True
    can_add: bool = False
    can_summarise: bool = False


class CarerPatch(Schema):
    model_config = example({"can_view": True, "can_add": False, "can_summarise": False})

    can_view: bool
    can_add: bool
    can_summarise: bool


class CarerOut(Schema):
    model_config = example(
        {
            "id": 3,
            "email": "carer@example.org",
            "name": "Jamie Morgan",
            "status": "active",
            "can_view": True,
            "can_add": True,
            "can_summarise": False,
        }
    )

    id: int
    email: str
    name: str
    status: str
    can_view: bool
    can_add: bool
    can_summarise: bool


def _carer_out(carer) -> dict:
    return {
        "id": carer.pk,
        "email": carer.email,
        "name": carer.user.get_full_name() if carer.user else "",
        "status": carer.status,
        "can_view": carer.can_view,
        "can_add": carer.can_add,
        "can_summarise": carer.can_summarise,
    }


@router.get("/{jid}/carers", response=list[CarerOut])
def carers(request, jid: UUID):
    access = _access(request, jid, Need.OWNER)
    return [_carer_out(c) for c in selectors.carers_for(access=access)]


@router.post("/{jid}/carers", response={201: CarerOut, 400: Error})
def carer_invite(request, jid: UUID, data: CarerIn):
    access = _access(request, jid, Need.OWNER)
    try:
        carer, _token = services.carer_invite(access=access, **data.dict())
    except ValidationError as error:
        return _error(error)
    return Status(201, _carer_out(carer))


@router.patch("/{jid}/carers/{pk}", response={200: CarerOut, 400: Error})
def carer_patch(request, jid: UUID, pk: int, data: CarerPatch):
    access = _access(request, jid, Need.OWNER)
    carer = selectors.carer_get_for(access=access, pk=pk)
    try:
        return _carer_out(services.carer_update(carer=carer, **data.dict()))
    except ValidationError as error:
        return _error(error)


@router.delete("/{jid}/carers/{pk}", response={204: None})
def carer_revoke(request, jid: UUID, pk: int):
    access = _access(request, jid, Need.OWNER)
    services.carer_revoke(carer=selectors.carer_get_for(access=access, pk=pk))
    return Status(204, None)


class AcceptIn(Schema):
    model_config = example({"token": "Hc7pQ2vN9xK4rT8mW3sB6yL1"})

    token: str


@router.post("/carers/accept", response={200: JournalOut, 400: Error})
def carer_accept(request, data: AcceptIn):
    carer = selectors.carer_invite_get(token=data.token)
    try:
        services.carer_accept(carer=carer, user=request.user)
    except ValidationError as error:
        return _error(error)
    return _journal_out(selectors.Access(carer.journal, request.user, carer))


class AccessOut(Schema):
    model_config = example(
        {"who": "Jamie Morgan", "kind": "added_checkin", "at": "2026-04-18T20:05:00Z"}
    )

    who: str
    kind: str
    at: datetime


@router.get("/{jid}/activity", response=list[AccessOut])
def activity(request, jid: UUID):
    access = _access(request, jid, Need.OWNER)
    return selectors.accesses_for(access=access)


class SettingsIn(Schema):
    model_config = example(
        {"reminder_days": [0, 2, 4], "reminder_time": "19:30:00", "quiet_from": "22:00:00"}
    )

    count_in_figures: bool | None = None
    questionnaires: list[str] | None = None
    questionnaire_every_days: int | None = None
    reminder_days: list[int] | None = None
    reminder_time: time | None = None
    quiet_from: time | None = None
    quiet_until: time | None = None


class SettingsOut(Schema):
    model_config = example(
        {
            "count_in_figures": True,
            "questionnaires": ["phq9", "gad7"],
            "questionnaire_every_days": 90,
            "reminder_days": [0, 2, 4],
            "reminder_time": "19:30:00",
            "quiet_from": "22:00:00",
            "quiet_until": "07:00:00",
        }
    )

    count_in_figures: bool
    questionnaires: list[str]
    questionnaire_every_days: int
    reminder_days: list[int]
    reminder_time: time | None
    quiet_from: time | None
    quiet_until: time | None


@router.patch("/{jid}/settings", response={200: SettingsOut, 400: Error})
def settings_update(request, jid: UUID, data: SettingsIn):
    access = _access(request, jid, Need.OWNER)
    fields = data.dict(exclude_unset=True)
    problem = _settings_problem(fields)
    if problem:
        return Status(400, {"detail": problem})
    return services.journal_settings_update(journal=access.journal, **fields)


def _settings_problem(fields: dict) -> str:
    if any(code not in instruments.CODES for code in fields.get("questionnaires") or []):
        return "Unknown questionnaire."
    if any(not 0 <= day <= 6 for day in fields.get("reminder_days") or []):
        return "Days are 0 (Monday) to 6 (Sunday)."
    if fields.get("questionnaire_every_days") not in (None, 30, 90, 180):
        return "Choose 30, 90 or 180 days."
    return ""
