"""Write the live knowledge base back to YAML in the seed's format (`export_treatments`).

The database is the source of truth once reviewers edit it; the export lets the repository's
seed follow it, so `load_treatments` on a fresh install gives the same knowledge base.
"""

from pathlib import Path

import yaml

from alongside.treatments.models import (
    Contraindication,
    Interaction,
    Source,
    Treatment,
    TreatmentClass,
)

_SOURCE_FIELDS = (
    "kind",
    "region",
    "product",
    "title",
    "holder",
    "doi",
    "pmid",
    "fda_application",
    "dailymed_setid",
    "ema_product",
    "revision",
    "url",
    "read_url",
    "read_on",
    "unverified",
    "note",
)


def knowledge_base_export(*, directory: Path) -> int:
    """Write every live row; returns the number of files written."""
    (directory / "treatments").mkdir(parents=True, exist_ok=True)
    treatments = list(
        Treatment.objects.filter(live=True).prefetch_related("side_effects", "topics")
    )
    files = {
        "sources.yaml": [_source(s) for s in Source.objects.filter(live=True).order_by("pk")],
        "classes.yaml": [_class(c, treatments) for c in TreatmentClass.objects.order_by("pk")],
        "interactions.yaml": [_interaction(i) for i in Interaction.objects.filter(live=True)],
        "contraindications.yaml": [
            _contraindication(c)
            for c in Contraindication.objects.filter(live=True).select_related("treatment")
        ],
    }
    files |= {f"treatments/{t.slug}.yaml": _treatment(t) for t in treatments}
    for name, content in files.items():
        (directory / name).write_text(_dump(content), encoding="utf-8")
    return len(files)


def _dump(content) -> str:
    return yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=96)


def _cited(citations: list[dict]) -> list[dict]:
    return [{k: v for k, v in c.items() if k in ("source", "section") and v} for c in citations]


def _present(values: dict) -> dict:
    """Drop empty optional values so the files read like the hand-written seed."""
    return {k: v for k, v in values.items() if v not in ("", None, [], False)}


def _source(source: Source) -> dict:
    values = {"id": source.slug} | {name: getattr(source, name) for name in _SOURCE_FIELDS}
    values["read_on"] = source.read_on.isoformat() if source.read_on else ""
    return _present(values)


def _class(item: TreatmentClass, treatments: list[Treatment]) -> dict:
    members = [
        t.slug for t in treatments if item.slug in t.class_slugs and t.treatment_class_id != item.pk
    ]
    return _present(
        {"slug": item.slug, "name": item.name, "description": item.description, "members": members}
    )


def _treatment(t: Treatment) -> dict:
    values = {
        "slug": t.slug,
        "name": t.name,
        "abbreviation": t.abbreviation,
        "brand_names": t.brand_names,
        "aliases": t.aliases,
        "class": t.treatment_class.slug,
        "communities": t.communities,
        "purpose": t.purpose,
        "route": t.route,
        "summary": t.summary,
        "sources": _cited(t.citations),
        "approvals": [
            _with_sources(a, ("condition", "status", "note", "unverified")) for a in t.approvals
        ],
        "side_effects": [
            _present(
                {
                    "name": e.name,
                    "frequency": e.frequency,
                    "sources": _cited(e.citations),
                    "unverified": e.unverified,
                }
            )
            for e in t.side_effects.all()
        ],
        "dosing": _with_sources(t.dosing, ("typical", "titration", "note", "unverified"))
        if t.dosing
        else None,
        "monitoring": [_with_sources(m, ("what", "unverified")) for m in t.monitoring],
        "topics": [
            topic.name if topic.name != topic.slug else topic.slug for topic in t.topics.all()
        ],
    }
    return {k: v for k, v in values.items() if v not in (None, "", []) or k == "brand_names"}


def _with_sources(item: dict, names: tuple[str, ...]) -> dict:
    values = {name: item.get(name) for name in names}
    values["sources"] = _cited(item.get("citations", []))
    return _present(values)


def _fact(row) -> dict:
    return {
        "severity": row.severity,
        "effect": row.effect,
        "advice": row.advice,
        "sources": _cited(row.citations),
        "unverified": row.unverified,
        "note": row.note,
    }


def _interaction(row: Interaction) -> dict:
    return _present({"a": row.a, "b": row.b, **_fact(row)})


def _contraindication(row: Contraindication) -> dict:
    return _present({"treatment": row.treatment.slug, "condition": row.condition, **_fact(row)})
