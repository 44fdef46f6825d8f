from datetime import date

from ninja import Query, Router, Schema

from alongside.communities.access import require_member
from alongside.treatments import selectors

router = Router(tags=["treatments"])


class ClashOut(Schema):
    first: str
    second: str
    with_condition: bool
    severity: str
    effect: str
    advice: str
    source: str
    unverified: bool


class CheckOut(Schema):
    clashes: list[ClashOut]
    advice: str = "Talk to your doctor or pharmacist before you start, stop or combine treatments."


class CheckIn(Schema):
    treatments: list[str] = []
    conditions: list[str] = []


class FactOut(Schema):
    name: str
    severity: str
    effect: str
    advice: str
    source: str
    unverified: bool


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
    slug: str
    name: str
    abbreviation: str
    brand_names: list[str]
    treatment_class: str
    summary: str
    summary_source: str
    approvals: list[dict]
    dosing: dict | None
    side_effects: list[dict]
    interactions: list[FactOut]
    contraindications: list[FactOut]
    figures: FiguresOut


class EntryOut(Schema):
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


@router.get("/check", response=CheckOut, auth=None)
def check(request, query: Query[CheckIn]):
    return {"clashes": selectors.check(treatments=query.treatments, conditions=query.conditions)}


@router.get("/mine", response=list[EntryOut])
def mine(request):
    require_member(user=request.user, community=request.community)
    items = selectors.my_treatments_for(user=request.user, community=request.community)
    return [_entry_out(item) for item in items]


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
        "clashes": item.clashes,
    }


def _fact(row, name: str) -> dict:
    fields = ("severity", "effect", "advice", "source", "unverified")
    return {"name": name, **{field: getattr(row, field) for field in fields}}


def _treatment_out(page) -> dict:
    t = page.treatment
    return {
        "slug": t.slug,
        "name": t.name,
        "abbreviation": t.abbreviation,
        "brand_names": t.brand_names,
        "treatment_class": t.treatment_class.name,
        "summary": t.summary,
        "summary_source": t.summary_source,
        "approvals": t.approvals,
        "dosing": t.dosing,
        "side_effects": [
            {"name": e.name, "source": e.source, "unverified": e.unverified}
            for e in t.side_effects.all()
        ],
        "interactions": [_fact(i, f"{i.a_name} + {i.b_name}") for i in page.interactions],
        "contraindications": [_fact(c, c.condition_name) for c in page.contraindications],
        "figures": page.insight,
    }
