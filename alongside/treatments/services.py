"""Every write in the treatments app: loading the knowledge base and members' entries."""

from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision, RevisionMixin

from alongside.accounts.conditions import conditions_by_slug
from alongside.accounts.models import User
from alongside.accounts.selectors import member_condition_slugs
from alongside.communities.models import Community
from alongside.core.models import Topic
from alongside.core.services import topics_ensure
from alongside.core.tasks import enqueue_on_commit
from alongside.treatments import knowledge
from alongside.treatments.clashes import Clash, clashes_adding, live_knowledge_forget
from alongside.treatments.insights import compute_figures
from alongside.treatments.models import (
    Contraindication,
    Interaction,
    MemberTreatment,
    ReportedSideEffect,
    SideEffect,
    Source,
    Treatment,
    TreatmentClass,
    TreatmentInsight,
    TreatmentReport,
)

INSIGHT_DEBOUNCE_SECONDS = 30


# The knowledge base ------------------------------------------------------------------------
#
# The database is the source of truth and every row is reviewed: the seed files arrive as drafts
# (a revision per new or changed row, the live row untouched) that go live when a medical
# reviewer approves them in the staff console. Wagtail's log keeps who did what, when.


@transaction.atomic
def knowledge_base_load(
    *, kb: knowledge.KnowledgeBase, reviewer: User | None = None
) -> dict[str, int]:
    """Put the seed in the database as drafts; returns counts, `drafts` = rows awaiting review.

    With `reviewer` (the demo only), every draft is approved and published as that reviewer.
    Idempotent: rows whose latest revision already matches the seed are left alone.
    """
    classes = {c.slug: _class_save(c) for c in kb.classes}
    if reviewer is not None and not Source.objects.exists() and not Treatment.objects.exists():
        return _approved_first_load(kb, classes, reviewer)
    drafted = [_draft(Source, {"slug": s.id}, _source_values(s)) for s in kb.sources]
    for treatment in kb.treatments:
        drafted.append(_treatment_draft(kb, treatment, classes[treatment.class_slug]))
    treatments = dict(Treatment.objects.values_list("slug", "pk"))
    for n, pair in enumerate(kb.interactions):
        drafted.append(_draft(Interaction, {"key": pair.key}, _interaction_values(kb, pair, n)))
    for n, contra in enumerate(kb.contraindications):
        values = _contraindication_values(contra, n, treatments[contra.treatment])
        drafted.append(_draft(Contraindication, {"key": contra.key}, values))
    drafts = [row for row in drafted if row is not None]
    if reviewer is not None:
        for row in drafts:
            knowledge_row_approve(row=row, reviewer=reviewer)
    return _counts(kb, drafts=len(drafts))


def _approved_first_load(kb, classes, reviewer) -> dict[str, int]:
    """Into an empty database with a reviewer (the demo, tests): every row is created live with
    one revision and its creation and approval logged, in bulk (a few dozen queries instead of
    thousands)."""
    sources = [Source(slug=s.id, **_source_values(s)) for s in kb.sources]
    treatments, effects = [], []
    for item in kb.treatments:
        values = _treatment_values(kb, item, classes[item.class_slug])
        treatments.append(Treatment(slug=item.slug, **values))
        effects.append(_effects(item))
    _bulk_publish(Source, sources, reviewer)
    _bulk_publish(Treatment, treatments, reviewer, children=effects)
    for treatment, item in zip(treatments, kb.treatments, strict=True):
        treatment.topics.set(_topics(item.topics))
    pks = {t.slug: t.pk for t in treatments}
    interactions = [
        Interaction(key=i.key, **_interaction_values(kb, i, n))
        for n, i in enumerate(kb.interactions)
    ]
    contras = [
        Contraindication(key=c.key, **_contraindication_values(c, n, pks[c.treatment]))
        for n, c in enumerate(kb.contraindications)
    ]
    _bulk_publish(Interaction, interactions, reviewer)
    _bulk_publish(Contraindication, contras, reviewer)
    live_knowledge_forget()
    rows = len(sources) + len(treatments) + len(interactions) + len(contras)
    return _counts(kb, drafts=rows)


def _bulk_publish(model, rows: list, reviewer, children: list | None = None) -> None:
    now = timezone.now()
    for row in rows:
        row.live, row.first_published_at, row.last_published_at = True, now, now
    model.objects.bulk_create(rows)
    for row, kids in zip(rows, children or [], strict=False):
        SideEffect.objects.bulk_create(SideEffect(treatment=row, **values) for values in kids)
    kind = ContentType.objects.get_for_model(model)
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=kind,
            base_content_type=kind,
            object_id=str(row.pk),
            user=reviewer,
            object_str=str(row)[:255],
            content=row.serializable_data(),
            created_at=now,
        )
        for row in rows
    )
    for row, revision in zip(rows, revisions, strict=True):
        row.latest_revision, row.live_revision = revision, revision
    model.objects.bulk_update(rows, ["latest_revision", "live_revision"])
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=kind,
            label=str(row)[:255],
            action=action,
            data={},
            timestamp=now,
            user=reviewer,
            revision=revision,
            object_id=str(row.pk),
            content_changed=True,
        )
        for row, revision in zip(rows, revisions, strict=True)
        for action in ("wagtail.create", "wagtail.publish")
    )


def _counts(kb, *, drafts: int) -> dict[str, int]:
    return {
        "treatments": len(kb.treatments),
        "interactions": len(kb.interactions),
        "contraindications": len(kb.contraindications),
        "sources": len(kb.sources),
        "drafts": drafts,
    }


def knowledge_row_approve(*, row: RevisionMixin, reviewer: User) -> None:
    """Publish the row's latest revision as the reviewer (logged as their approval)."""
    row.latest_revision.publish(user=reviewer, skip_permission_checks=True)
    live_knowledge_forget()


def _draft(model, lookup: dict, values: dict, children: dict | None = None):
    """Save a revision when the seed differs from the row's latest version; the new or changed
    row (None when unchanged). A new row starts as an unpublished draft."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values, live=False)
        _children_set(row, children)
        row.save()
        row.save_revision(log_action=True)
        return row
    latest = row.latest_revision.as_object() if row.latest_revision else row
    if _same(latest, values, children):
        return None
    for name, value in values.items():
        setattr(row, name, value)
    _children_set(row, children)
    row.save_revision(log_action=True)
    return row


def _same(row, values: dict, children: dict | None) -> bool:
    if any(getattr(row, name) != value for name, value in values.items()):
        return False
    for name, wanted in (children or {}).items():
        have = [_child_values(child) for child in getattr(row, name).all()]
        if have != wanted:
            return False
    return True


def _children_set(row, children: dict | None) -> None:
    for name, rows in (children or {}).items():
        model = row._meta.get_field(name).related_model
        setattr(row, name, [model(**values) for values in rows])


_SIDE_EFFECT_FIELDS = ("name", "frequency", "citations", "unverified", "position")


def _child_values(child) -> dict:
    return {name: getattr(child, name) for name in _SIDE_EFFECT_FIELDS}


def _class_save(item: knowledge.TreatmentClass) -> TreatmentClass:
    defaults = {"name": item.name, "description": item.description}
    return TreatmentClass.objects.update_or_create(slug=item.slug, defaults=defaults)[0]


def _source_values(item: knowledge.Source) -> dict:
    values = asdict(item)
    values.pop("id")
    values["read_on"] = date.fromisoformat(item.read_on) if item.read_on else None
    return values


def _cited(citations) -> list[dict]:
    return [{k: v for k, v in asdict(c).items() if v} for c in citations]


def _treatment_draft(kb, item: knowledge.Treatment, treatment_class: TreatmentClass):
    values = _treatment_values(kb, item, treatment_class)
    row = _draft(Treatment, {"slug": item.slug}, values, {"side_effects": _effects(item)})
    treatment = row or Treatment.objects.get(slug=item.slug)
    treatment.topics.set(_topics(item.topics))
    return row


def _treatment_values(kb, item: knowledge.Treatment, treatment_class: TreatmentClass) -> dict:
    return {
        "name": item.name,
        "abbreviation": item.abbreviation,
        "brand_names": list(item.brand_names),
        "aliases": list(item.aliases),
        "treatment_class_id": treatment_class.pk,
        "class_slugs": sorted(kb.class_slugs_of(item.slug)),
        "communities": list(item.communities),
        "purpose": item.purpose,
        "route": item.route,
        "summary": item.summary,
        "citations": _cited(item.sources),
        "approvals": [_approval(a) for a in item.approvals],
        "dosing": _dosing(item.dosing),
        "monitoring": [
            {"what": m.what, "citations": _cited(m.sources), "unverified": m.unverified}
            for m in item.monitoring
        ],
    }


def _effects(item: knowledge.Treatment) -> list[dict]:
    return [
        {
            "name": effect.name,
            "frequency": effect.frequency,
            "citations": _cited(effect.sources),
            "unverified": effect.unverified,
            "position": n,
        }
        for n, effect in enumerate(item.side_effects)
    ]


def _topics(values: tuple[str, ...]) -> list[Topic]:
    """Topics for these names or slugs; a name written in the data ("DMARDs", "PML") also
    corrects the label of a topic created earlier from its slug."""
    topics = topics_ensure(slugs_or_names=list(values))
    for topic, value in zip(topics, values, strict=True):
        if value != topic.slug and topic.name != value:
            topic.name = value
            topic.save(update_fields=["name"])
    return topics


def _approval(approval: knowledge.Approval) -> dict:
    condition = conditions_by_slug()[approval.condition]
    return {
        "condition": approval.condition,
        "condition_name": condition.name,
        "status": approval.status,
        "note": approval.note,
        "citations": _cited(approval.sources),
        "unverified": approval.unverified,
    }


def _dosing(dosing: knowledge.Dosing | None) -> dict | None:
    if dosing is None:
        return None
    values = asdict(dosing)
    values["citations"] = _cited(dosing.sources)
    values["titration"] = list(values["titration"])
    del values["sources"]
    return values


def _party_name(kb, party: str) -> str:
    if party.startswith(knowledge.CLASS_PREFIX):
        return kb.treatment_class(party.removeprefix(knowledge.CLASS_PREFIX)).name
    return kb.treatment(party).name


def _fact_values(item) -> dict:
    return {
        "severity": item.severity,
        "scheme": item.scheme,
        "effect": item.effect,
        "advice": item.advice,
        "citations": _cited(item.sources),
        "unverified": item.unverified,
        "note": item.note,
    }


def _interaction_values(kb, item: knowledge.Interaction, position: int) -> dict:
    return {
        **_fact_values(item),
        "a": item.a,
        "b": item.b,
        "a_name": _party_name(kb, item.a),
        "b_name": _party_name(kb, item.b),
        "position": position,
    }


def _contraindication_values(item: knowledge.Contraindication, position: int, pk: int) -> dict:
    return {
        **_fact_values(item),
        "treatment_id": pk,
        "condition": item.condition,
        "condition_name": conditions_by_slug()[item.condition].name,
        "position": position,
    }


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
    user: User,
    community: Community,
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


def insights_refresh_for_member(*, user: User) -> None:
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
def member_treatments_erase(*, user: User, keep_posts: bool) -> None:
    """Erasure (core.privacy): health records are deleted whatever `keep_posts` says;
    figures are then recomputed."""
    entries = MemberTreatment.objects.filter(user=user)
    pairs = set(entries.values_list("community_id", "treatment_id"))
    entries.delete()
    for community_id, treatment_id in pairs:
        insight_refresh_soon(community_id=community_id, treatment_id=treatment_id)


@transaction.atomic
def insight_refresh(*, community: Community, treatment: Treatment) -> TreatmentInsight:
    """Recompute and store one insight. Idempotent: the same reports give the same row."""
    figures = compute_figures(community=community, treatment=treatment)
    insight, _ = TreatmentInsight.objects.update_or_create(
        community=community,
        treatment=treatment,
        defaults={"member_count": figures["members"], "figures": figures},
    )
    return insight
