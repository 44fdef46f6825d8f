from dataclasses import asdict
from datetime import date

from ninja import Query, Router, Schema

from alongside.communities.access import require_member
from alongside.treatments import selectors

router = Router(tags=["treatments"])


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
    found = selectors.check(treatments=query.treatments, conditions=query.conditions)
    return {"clashes": [_clash_out(clash) for clash in found]}


class WarningsIn(Schema):
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
