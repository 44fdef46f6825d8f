"""Every write in the treatments app: loading the knowledge base and members' entries."""

from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from alongside.accounts.conditions import conditions_by_slug
from alongside.accounts.selectors import member_condition_slugs
from alongside.core.tasks import enqueue_on_commit
from alongside.core.topics import topics_ensure
from alongside.treatments import knowledge
from alongside.treatments.clashes import Clash, clashes_adding
from alongside.treatments.insights import compute_figures
from alongside.treatments.models import (
    Contraindication,
    Interaction,
    MemberTreatment,
    ReportedSideEffect,
    SideEffect,
    Treatment,
    TreatmentClass,
    TreatmentInsight,
    TreatmentReport,
)

INSIGHT_DEBOUNCE_SECONDS = 30


# The knowledge base ------------------------------------------------------------------------


@transaction.atomic
def knowledge_base_load(*, kb: knowledge.KnowledgeBase) -> dict[str, int]:
    """Put the validated knowledge base in the database. Idempotent: facts are replaced."""
    classes = {c.slug: _class_save(c) for c in kb.classes}
    for item in kb.treatments:
        _treatment_save(kb, item, classes[item.class_slug])
    treatments = {t.slug: t for t in Treatment.objects.all()}
    _interactions_replace(kb, treatments)
    _contraindications_replace(kb, treatments)
    return {
        "treatments": len(kb.treatments),
        "interactions": len(kb.interactions),
        "contraindications": len(kb.contraindications),
    }


def _class_save(item: knowledge.TreatmentClass) -> TreatmentClass:
    defaults = {"name": item.name, "description": item.description}
    return TreatmentClass.objects.update_or_create(slug=item.slug, defaults=defaults)[0]


def _treatment_save(kb, item: knowledge.Treatment, treatment_class: TreatmentClass) -> None:
    defaults = {
        "name": item.name,
        "abbreviation": item.abbreviation,
        "brand_names": list(item.brand_names),
        "aliases": list(item.aliases),
        "treatment_class": treatment_class,
        "class_slugs": sorted(kb.class_slugs_of(item.slug)),
        "communities": list(item.communities),
        "kind": item.kind,
        "route": item.route,
        "summary": item.summary,
        "summary_source": item.summary_source,
        "approvals": [_approval(a) for a in item.approvals],
        "dosing": _dosing(item.dosing),
    }
    treatment = Treatment.objects.update_or_create(slug=item.slug, defaults=defaults)[0]
    treatment.topics.set(topics_ensure(list(item.topics)))
    treatment.side_effects.all().delete()
    SideEffect.objects.bulk_create(
        SideEffect(treatment=treatment, position=n, **asdict(effect))
        for n, effect in enumerate(item.side_effects)
    )


def _approval(approval: knowledge.Approval) -> dict:
    condition = conditions_by_slug()[approval.condition]
    return {**asdict(approval), "condition_name": condition.name}


def _dosing(dosing: knowledge.Dosing | None) -> dict | None:
    return asdict(dosing) if dosing else None


def _party_name(kb, party: str) -> str:
    if party.startswith(knowledge.CLASS_PREFIX):
        return kb.treatment_class(party.removeprefix(knowledge.CLASS_PREFIX)).name
    return kb.treatment(party).name


def _interactions_replace(kb, treatments) -> None:
    Interaction.objects.all().delete()
    Interaction.objects.bulk_create(
        Interaction(
            position=n,
            a_name=_party_name(kb, item.a),
            b_name=_party_name(kb, item.b),
            **asdict(item),
        )
        for n, item in enumerate(kb.interactions)
    )


def _contraindications_replace(kb, treatments) -> None:
    Contraindication.objects.all().delete()
    names = conditions_by_slug()
    rows = []
    for n, item in enumerate(kb.contraindications):
        values = asdict(item)
        values["treatment"] = treatments[item.treatment]
        rows.append(
            Contraindication(position=n, condition_name=names[item.condition].name, **values)
        )
    Contraindication.objects.bulk_create(rows)


# Members' entries --------------------------------------------------------------------------


class ClashesFound(Exception):
    """The entry clashes with the member's treatments or conditions; confirm to save."""

    def __init__(self, clashes: list[Clash]) -> None:
        super().__init__(f"{len(clashes)} clash(es)")
        self.clashes = clashes


ENTRY_FIELDS = (
    "dose",
    "unit",
    "schedule",
    "titration",
    "started_on",
    "stopped_on",
    "stop_reason",
    "audience",
)


def treatment_entry_save(
    *,
    user,
    community,
    treatment: Treatment,
    values: dict,
    entry: MemberTreatment | None = None,
    confirmed: bool = False,
) -> MemberTreatment:
    """Add or change an entry. Raises ClashesFound, saving nothing, when adding or resuming
    the treatment clashes and the member has not confirmed."""
    clashes = _clashes_on_save(user, community, treatment, values, entry)
    if clashes and not confirmed:
        raise ClashesFound(clashes)
    with transaction.atomic():
        entry = _entry_write(user, community, treatment, values, entry, bool(clashes))
        _report_write(entry, values)
    insight_refresh_soon(community_id=community.pk, treatment_id=treatment.pk)
    return entry


def _clashes_on_save(user, community, treatment, values, entry) -> list[Clash]:
    resuming = entry is None or entry.stopped_on is not None
    if values.get("stopped_on") or not resuming:
        return []
    others = MemberTreatment.objects.filter(user=user, community=community, stopped_on=None)
    if entry is not None:
        others = others.exclude(pk=entry.pk)
    current = list(others.values_list("treatment__slug", flat=True))
    conditions = member_condition_slugs(user=user)
    return clashes_adding(treatment=treatment.slug, current=current, conditions=conditions)


def _entry_write(user, community, treatment, values, entry, clashed: bool) -> MemberTreatment:
    entry = entry or MemberTreatment(user=user, community=community, treatment=treatment)
    for name in ENTRY_FIELDS:
        setattr(entry, name, values.get(name) or _empty(name))
    entry.titration = [_step_json(step) for step in values.get("titration") or []]
    entry.clash_acknowledged = clashed or (entry.clash_acknowledged and entry.is_current)
    entry.full_clean(exclude=["user", "community", "treatment"])
    entry.save()
    return entry


def _empty(name: str):
    return {"dose": None, "started_on": None, "stopped_on": None, "titration": []}.get(name, "")


def _step_json(step: dict) -> dict:
    on = step.get("from")
    return {
        "dose": f"{Decimal(step['dose']).normalize():f}",
        "unit": step.get("unit", ""),
        "from": on.isoformat() if isinstance(on, date) else on,
    }


def _report_write(entry: MemberTreatment, values: dict) -> None:
    report, _ = TreatmentReport.objects.update_or_create(
        entry=entry,
        defaults={"effectiveness": values.get("effectiveness"), "burden": values.get("burden")},
    )
    report.side_effects.all().delete()
    ReportedSideEffect.objects.bulk_create(
        ReportedSideEffect(report=report, name=name[:120], severity=severity)
        for name, severity in (values.get("side_effects") or {}).items()
    )


def treatment_entry_delete(*, entry: MemberTreatment) -> None:
    community_id, treatment_id = entry.community_id, entry.treatment_id
    entry.delete()
    insight_refresh_soon(community_id=community_id, treatment_id=treatment_id)


# Insights ----------------------------------------------------------------------------------


def insight_refresh_soon(*, community_id: int, treatment_id: int) -> None:
    """Recompute one insight after this transaction commits.

    Where the queue can defer, a burst of reports within the debounce window queues one task
    that runs when the window ends (it reads everything written until then).
    """
    from alongside.treatments.tasks import refresh_treatment_insight

    task = refresh_treatment_insight
    if task.get_backend().supports_defer:
        key = f"treatments:insight-queued:{community_id}:{treatment_id}"
        if not cache.add(key, 1, INSIGHT_DEBOUNCE_SECONDS):
            return
        run_after = timezone.now() + timedelta(seconds=INSIGHT_DEBOUNCE_SECONDS)
        task = task.using(run_after=run_after)
    enqueue_on_commit(task, community_id, treatment_id)


def insights_refresh_for_member(*, user) -> None:
    """Recompute, after commit, every insight this member's entries feed."""
    pairs = MemberTreatment.objects.filter(user=user).values_list("community_id", "treatment_id")
    for community_id, treatment_id in set(pairs):
        insight_refresh_soon(community_id=community_id, treatment_id=treatment_id)


def insight_refresh_all(*, enqueue: bool = False) -> int:
    """Every community x treatment with entries or an existing insight; returns how many."""

    from alongside.treatments.tasks import refresh_treatment_insight

    pairs = set(MemberTreatment.objects.values_list("community_id", "treatment_id").distinct())
    pairs |= set(TreatmentInsight.objects.values_list("community_id", "treatment_id"))
    for community_id, treatment_id in sorted(pairs):
        if enqueue:
            refresh_treatment_insight.enqueue(community_id, treatment_id)
        else:
            refresh_treatment_insight.call(community_id, treatment_id)
    return len(pairs)


@transaction.atomic
def member_treatments_erase(*, user, keep_posts: bool) -> None:
    """Erasure (core.privacy): health records are deleted whatever `keep_posts` says;
    figures are then recomputed."""
    entries = MemberTreatment.objects.filter(user=user)
    pairs = set(entries.values_list("community_id", "treatment_id"))
    entries.delete()
    for community_id, treatment_id in pairs:
        insight_refresh_soon(community_id=community_id, treatment_id=treatment_id)


@transaction.atomic
def insight_refresh(*, community, treatment) -> TreatmentInsight:
    """Recompute and store one insight. Idempotent: the same reports give the same row."""
    figures = compute_figures(community=community, treatment=treatment)
    insight, _ = TreatmentInsight.objects.update_or_create(
        community=community,
        treatment=treatment,
        defaults={"member_count": figures["members"], "figures": figures},
    )
    return insight
