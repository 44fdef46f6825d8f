from dataclasses import asdict
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from alongside.communities.access import require_member
from alongside.core.forms import fields_clean
from alongside.core.schemas import Error, example, form_error
from alongside.treatments import selectors, services
from alongside.treatments.clashes import Clash
from alongside.treatments.forms import STEPS, EntryForm, SearchForm

router = Router(tags=["treatments"])

_ADVICE = "Talk to your doctor or pharmacist before you start, stop or combine treatments."
_CITATION = {
    "label": "Naltrexone hydrochloride tablets, prescribing information: CONTRAINDICATIONS",
    "url": "https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=naltrexone",
    "kind": "regulator",
    "unverified": False,
}
_CLASH = {
    "first": "Tramadol",
    "second": "Low-dose naltrexone",
    "with_condition": False,
    "severity": "contraindicated",
    "effect": "Naltrexone blocks opioid painkillers, so they stop working.",
    "advice": "Do not take LDN while you use any opioid painkiller, including tramadol.",
    "note": "",
    "sources": [_CITATION],
    "unverified": False,
}
_BLOCK = {"base": 12, "shown": True, "rows": [{"label": "Vivid dreams", "count": 5, "percent": 42}]}


class CitationOut(Schema):
    label: str  # the document and section in words
    url: str
    kind: str
    unverified: bool  # not every detail of the document's identity could be confirmed


class ClashOut(Schema):
    first: str
    second: str
    with_condition: bool
    severity: str
    effect: str
    advice: str
    note: str
    sources: list[CitationOut]
    unverified: bool


class CheckOut(Schema):
    model_config = example({"clashes": [_CLASH], "advice": _ADVICE})

    clashes: list[ClashOut]
    advice: str = "Talk to your doctor or pharmacist before you start, stop or combine treatments."


class CheckIn(Schema):
    model_config = example({"treatments": ["low-dose-naltrexone", "tramadol"], "conditions": []})

    treatments: list[str] = []
    conditions: list[str] = []


class FactOut(Schema):
    name: str
    severity: str
    effect: str
    advice: str
    note: str
    sources: list[CitationOut]
    unverified: bool


class SourceOut(Schema):
    kind: str
    title: str
    holder: str
    revision: str
    fda_application: str
    dailymed_setid: str
    ema_product: str
    doi: str
    pmid: str
    url: str
    read_url: str
    read_on: date | None
    unverified: bool
    note: str


class RowOut(Schema):
    label: str
    count: int
    percent: int
    low: int | None = None
    high: int | None = None


class BlockOut(Schema):
    base: int
    shown: bool
    rows: list[RowOut]


class FiguresOut(Schema):
    k: int
    members: int
    side_effects: BlockOut
    effectiveness: BlockOut
    burden: BlockOut
    doses: BlockOut
    titration: BlockOut
    duration: BlockOut
    stop_reasons: BlockOut


class TreatmentOut(Schema):
    model_config = example(
        {
            "slug": "low-dose-naltrexone",
            "name": "Low-dose naltrexone",
            "abbreviation": "LDN",
            "brand_names": [],
            "treatment_class": "Opioid antagonists",
            "purpose": "other",
            "summary": "Naltrexone, an opioid blocker, taken at a small fraction of its usual "
            "dose. It is off-label and it is not a disease-modifying therapy.",
            "summary_sources": [_CITATION],
            "approvals": [
                {
                    "condition": "multiple-sclerosis",
                    "status": "off-label",
                    "note": "Approved only for alcohol and opioid dependence.",
                    "citations": [_CITATION],
                }
            ],
            "dosing": {
                "typical": "4.5 mg once a day at bedtime",
                "note": "A common schedule, not a regulator's.",
                "citations": [_CITATION],
            },
            "monitoring": [],
            "side_effects": [
                {
                    "name": "Vivid dreams",
                    "frequency": "mostly in the first weeks",
                    "sources": [_CITATION],
                    "unverified": False,
                }
            ],
            "interactions": [
                {
                    "name": "Low-dose naltrexone + Opioids",
                    "severity": "contraindicated",
                    "effect": _CLASH["effect"],
                    "advice": _CLASH["advice"],
                    "note": "",
                    "sources": [_CITATION],
                    "unverified": False,
                }
            ],
            "contraindications": [],
            "sources": [
                {
                    "kind": "guideline",
                    "title": "Low-Dose Naltrexone",
                    "holder": "A national MS charity",
                    "revision": "",
                    "fda_application": "",
                    "dailymed_setid": "",
                    "ema_product": "",
                    "doi": "",
                    "pmid": "",
                    "url": "https://example.org/ms/low-dose-naltrexone",
                    "read_url": "",
                    "read_on": "2026-12-01",
                    "unverified": False,
                    "note": "",
                }
            ],
            "reviewed_by": "Dr Ada Reviewer",
            "reviewed_on": "2026-11-20",
            "figures": {
                "k": 10,
                "members": 48,
                "side_effects": _BLOCK,
                "effectiveness": _BLOCK,
                "burden": _BLOCK,
                "doses": _BLOCK,
                "titration": _BLOCK,
                "duration": _BLOCK,
                "stop_reasons": {"base": 6, "shown": False, "rows": []},
            },
        }
    )

    slug: str
    name: str
    abbreviation: str
    brand_names: list[str]
    treatment_class: str
    purpose: str
    summary: str
    summary_sources: list[CitationOut]
    approvals: list[dict]
    dosing: dict | None
    monitoring: list[dict]
    side_effects: list[dict]
    interactions: list[FactOut]
    contraindications: list[FactOut]
    sources: list[SourceOut]
    reviewed_by: str | None
    reviewed_on: date | None
    figures: FiguresOut


class EntryOut(Schema):
    model_config = example(
        {
            "id": 58,
            "treatment": "low-dose-naltrexone",
            "dose": "4.5 mg",
            "schedule": "daily",
            "titration": [{"dose": "1.5", "unit": "mg", "from": "2026-10-05"}],
            "started_on": "2026-10-05",
            "stopped_on": None,
            "stop_reason": "",
            "audience": "members",
            "clashes": [],
            "effectiveness": 3,
            "burden": 2,
            "side_effects": {"Vivid dreams": "mild"},
        }
    )

    id: int
    treatment: str
    dose: str
    schedule: str
    titration: list[dict]
    started_on: date | None
    stopped_on: date | None
    stop_reason: str
    audience: str
    clashes: list[ClashOut]
    effectiveness: int | None = None
    burden: int | None = None
    side_effects: dict[str, str] = {}


class SummaryOut(Schema):
    model_config = example(
        {
            "slug": "low-dose-naltrexone",
            "name": "Low-dose naltrexone",
            "abbreviation": "LDN",
            "treatment_class": "Opioid antagonists",
        }
    )

    slug: str
    name: str
    abbreviation: str
    treatment_class: str


class StepIn(Schema):
    dose: float
    from_: date | None = Field(None, alias="from")


class EntryIn(Schema):
    """One period on a treatment and what it was like. `side_effects` maps a side effect's
    name (those of the treatment's label, or one of your own) to mild, moderate or severe.
    Set `confirm` after reading the clash warnings of a 409 to save anyway."""

    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {
                    "treatment": "tramadol",
                    "dose": 50,
                    "unit": "mg",
                    "schedule": "daily",
                    "started_on": "2026-11-02",
                    "audience": "members",
                    "effectiveness": 3,
                    "burden": 2,
                    "side_effects": {"Nausea": "mild"},
                    "confirm": False,
                }
            ]
        },
    )

    treatment: str = ""
    dose: float | None = None
    unit: str = ""
    schedule: str = ""
    started_on: date | None = None
    stopped_on: date | None = None
    stop_reason: str = ""
    effectiveness: int | None = None
    burden: int | None = None
    audience: str = "members"
    titration: list[StepIn] = []
    side_effects: dict[str, str] = {}
    confirm: bool = False


class ClashWarningOut(Schema):
    """409: the entry clashes with your current treatments or conditions; nothing was saved.
    Send it again with `confirm: true` to save anyway (the web's "save anyway")."""

    model_config = example(
        {
            "detail": "This treatment clashes with what you take or live with. Nothing is saved.",
            "clashes": [_CLASH],
            "advice": _ADVICE,
        }
    )

    detail: str
    clashes: list[ClashOut]
    advice: str = "Talk to your doctor or pharmacist before you start, stop or combine treatments."


@router.get("/check", response=CheckOut, auth=None)
def check(request, query: Query[CheckIn]):
    found = selectors.check(treatments=query.treatments, conditions=query.conditions)
    return {"clashes": [_clash_out(clash) for clash in found]}


class WarningsIn(Schema):
    model_config = example({"treatment": "tramadol", "conditions": []})

    treatment: str = ""  # a treatment the member is about to add
    conditions: list[str] = []  # conditions the member is about to add


@router.get("/warnings", response=CheckOut)
def warnings(request, query: Query[WarningsIn]):
    """Before saving: the clashes adding this treatment or these conditions would raise with
    the signed-in member's current treatments and conditions here (one per clash)."""
    require_member(user=request.user, community=request.community)
    found = selectors.warnings_before_adding(
        user=request.user,
        community=request.community,
        treatment=query.treatment,
        conditions=query.conditions,
    )
    return {"clashes": [_clash_out(clash) for clash in found]}


@router.get("/mine", response=list[EntryOut])
def mine(request):
    require_member(user=request.user, community=request.community)
    mine = selectors.my_treatments_for(user=request.user, community=request.community)
    return [_entry_out(item) for item in mine.entries]


@router.get("", response=list[SummaryOut], auth=None)
def treatment_list(request):
    """Public: the community's treatments by name."""
    groups = selectors.treatment_list_for(community=request.community)
    return [_summary(t) for group in groups for t in group.treatments]


@router.get("/search", response={200: list[SummaryOut], 400: Error}, auth=None)
def search(request, q: str):
    """Public: treatments whose generic or brand name is like `q` (typos forgiven)."""
    try:
        query = fields_clean(SearchForm, q=q)["q"]
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return [_summary(t) for t in selectors.treatment_search(query=query)]


_SAVED = {200: EntryOut, 201: EntryOut, 400: Error, 404: Error, 409: ClashWarningOut}


@router.post("/mine", response=_SAVED)
def entry_add(request, data: EntryIn):
    """Add a treatment to your list. When it clashes with your current treatments or
    conditions, the answer is 409 with the warnings and nothing is saved until `confirm`."""
    require_member(user=request.user, community=request.community)
    treatment = selectors.treatment_any_get(slug=data.treatment)
    return _entry_save(request, treatment, data, entry=None)


@router.put("/mine/{int:pk}", response=_SAVED)
def entry_edit(request, pk: int, data: EntryIn):
    """Change an entry (`treatment` is ignored); resuming a stopped one checks clashes again."""
    entry = selectors.entry_get_for(viewer=request.user, pk=pk, community=request.community)
    return _entry_save(request, entry.treatment, data, entry=entry)


@router.delete("/mine/{int:pk}", response={204: None, 404: Error})
def entry_delete(request, pk: int):
    entry = selectors.entry_get_for(viewer=request.user, pk=pk, community=request.community)
    services.treatment_entry_delete(entry=entry)
    return Status(204, None)


def _entry_save(request, treatment, data: EntryIn, *, entry):
    names = [effect.name for effect in treatment.side_effects.all()]
    try:
        form_data = _form_data(data, names)
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    form = EntryForm(form_data, side_effect_names=names)
    if not form.is_valid():
        return form_error(form)
    try:
        saved = services.treatment_entry_save(
            user=request.user,
            community=request.community,
            treatment=treatment,
            values=form.values(),
            entry=entry,
            confirmed=data.confirm,
        )
    except services.ClashesFound as found:
        detail = _("This treatment clashes with what you take or live with. Nothing is saved.")
        clashes = [_clash_out(clash) for clash in found.clashes]
        return Status(409, {"detail": detail, "clashes": clashes})
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    shown = selectors.entry_get_for(viewer=request.user, pk=saved.pk, community=request.community)
    views = selectors.my_treatments_for(user=request.user, community=request.community)
    own: list[Clash] = next((v.clashes for v in views.entries if v.entry.pk == shown.pk), [])
    return Status(201 if entry is None else 200, _entry_out(selectors.EntryView(shown, own)))


def _form_data(data: EntryIn, names: list[str]) -> dict:
    """The entry page's form fields from the JSON body, so both are checked alike."""
    if len(data.titration) > STEPS:
        raise ValidationError(_("Up to %(n)d titration steps.") % {"n": STEPS})
    own = [name for name in data.side_effects if name not in names]
    if len(own) > 1:
        raise ValidationError(_("Add one side effect of your own at most."))
    fields = data.dict(exclude={"treatment", "titration", "side_effects", "confirm"})
    form_data = {k: "" if v is None else v for k, v in fields.items()}
    for n, step in enumerate(data.titration, start=1):
        form_data[f"step_{n}_dose"] = step.dose
        form_data[f"step_{n}_from"] = step.from_ or ""
    for n, name in enumerate(names):
        form_data[f"effect_{n}"] = data.side_effects.get(name, "")
    if own:
        form_data.update(other_side_effect=own[0], other_severity=data.side_effects[own[0]])
    return form_data


def _summary(treatment) -> dict:
    return {
        "slug": treatment.slug,
        "name": treatment.name,
        "abbreviation": treatment.abbreviation,
        "treatment_class": treatment.treatment_class.name,
    }


@router.get("/{slug}", response=TreatmentOut, auth=None)
def detail(request, slug: str):
    page = selectors.treatment_page_for(community=request.community, slug=slug)
    return _treatment_out(page)


def _entry_out(item) -> dict:
    entry = item.entry
    return {
        "id": entry.pk,
        "treatment": entry.treatment.slug,
        "dose": entry.dose_label,
        "schedule": entry.schedule,
        "titration": entry.titration,
        "started_on": entry.started_on,
        "stopped_on": entry.stopped_on,
        "stop_reason": entry.stop_reason,
        "audience": entry.audience,
        "clashes": [_clash_out(clash) for clash in item.clashes],
        **_report_out(entry),
    }


def _report_out(entry) -> dict:
    report = getattr(entry, "report", None)
    if report is None:
        return {}
    return {
        "effectiveness": report.effectiveness,
        "burden": report.burden,
        "side_effects": {effect.name: effect.severity for effect in report.side_effects.all()},
    }


def _citations(views) -> list[dict]:
    return [asdict(view) for view in views]


def _clash_out(clash) -> dict:
    return {**asdict(clash), "sources": _citations(clash.citations)}


def _fact(fact, name: str) -> dict:
    row = fact.row
    fields = ("severity", "effect", "advice", "note", "unverified")
    return {"name": name, "sources": _citations(fact.citations)} | {
        field: getattr(row, field) for field in fields
    }


def _cited(item: dict) -> dict:
    return {**item, "citations": _citations(item["citations"])}


def _treatment_out(page) -> dict:
    t = page.treatment
    reviewer, reviewed_at = page.review or (None, None)
    return {
        "slug": t.slug,
        "name": t.name,
        "abbreviation": t.abbreviation,
        "brand_names": t.brand_names,
        "treatment_class": t.treatment_class.name,
        "purpose": t.purpose,
        "summary": t.summary,
        "summary_sources": _citations(page.summary_citations),
        "approvals": [_cited(a) for a in page.approvals],
        "dosing": _cited(page.dosing) if page.dosing else None,
        "monitoring": [_cited(m) for m in page.monitoring],
        "side_effects": [
            {
                "name": e.row.name,
                "frequency": e.row.frequency,
                "sources": _citations(e.citations),
                "unverified": e.row.unverified,
            }
            for e in page.side_effects
        ],
        "interactions": [_fact(i, f"{i.row.a_name} + {i.row.b_name}") for i in page.interactions],
        "contraindications": [_fact(c, c.row.condition_name) for c in page.contraindications],
        "sources": [source for group in page.sources for source in group.sources],
        "reviewed_by": reviewer,
        "reviewed_on": reviewed_at.date() if reviewed_at else None,
        "figures": page.insight,
    }
