"""Warnings when treatments clash with each other or with a member's conditions.

Read from the live (reviewed) knowledge base in the database, in four queries whatever the
number of treatments. One warning per clash: facts about the same pair, in either direction
or from several documents, are folded into one, graded by the worst of them.
"""

from dataclasses import dataclass
from itertools import combinations

from django.db.models import Q

from alongside.accounts.conditions import conditions_by_slug
from alongside.treatments.citations import (
    CitationView,
    citations_view,
    slugs_in,
    sources_by_slug,
)
from alongside.treatments.knowledge import CLASS_PREFIX, SEVERITIES
from alongside.treatments.models import Contraindication, Interaction, Treatment


@dataclass(frozen=True)
class Clash:
    first: str  # a treatment name
    second: str  # a treatment or condition name
    first_slug: str
    second_slug: str
    with_condition: bool
    severity: str
    effect: str
    advice: str
    citations: tuple[CitationView, ...]
    unverified: bool = False
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.first_slug, self.second_slug)


def clashes_for(*, treatments: list[str], conditions: list[str]) -> list[Clash]:
    """Every clash among these treatment slugs and condition slugs, worst first.

    Unknown or unpublished slugs are ignored, so a stale or hand-typed value cannot break a check.
    """
    return _clashes(_live_treatments(list(dict.fromkeys(treatments))), conditions)


def clashes_among(*, treatments: list[Treatment], conditions: list[str]) -> list[Clash]:
    """`clashes_for` with the treatment rows already loaded by the caller (one query fewer);
    rows not live are ignored the same way."""
    known: dict[str, _Known] = {}
    for row in treatments:
        if row.live and row.slug not in known:
            known[row.slug] = _known(row.slug, row.name, row.class_slugs)
    return _clashes(known, conditions)


def _clashes(known: dict[str, "_Known"], conditions: list[str]) -> list[Clash]:
    interactions = _interactions(known)
    groups = [
        (a, b, facts)
        for a, b in combinations(known, 2)
        if (facts := [i for i in interactions if _pairs(i, known[a], known[b])])
    ]
    contras = _contraindications(list(known), conditions)
    cited = [f.citations for _, _, facts in groups for f in facts]
    cited += [c.citations for facts in contras.values() for c in facts]
    sources = sources_by_slug(slugs_in(cited))
    found = [_fold(known[a], known[b].name, b, False, facts, sources) for a, b, facts in groups]
    names = conditions_by_slug()
    found += [
        _fold(known[slug], names[condition].name, condition, True, facts, sources)
        for (slug, condition), facts in contras.items()
        if condition in names
    ]
    return sorted(found, key=lambda clash: SEVERITIES.index(clash.severity))


def clashes_adding(*, treatment: str, current: list[str], conditions: list[str]) -> list[Clash]:
    """Only the clashes that involve `treatment`, the one being added or resumed."""
    everything = clashes_for(treatments=[treatment, *current], conditions=conditions)
    return [c for c in everything if treatment in (c.first_slug, c.second_slug)]


def clashes_with_conditions(*, treatments: list[str], added: list[str]) -> list[Clash]:
    """The clashes between a member's current treatments and conditions they are adding."""
    if not added:
        return []
    return [c for c in clashes_for(treatments=treatments, conditions=added) if c.with_condition]


@dataclass(frozen=True)
class _Known:
    slug: str
    name: str
    parties: frozenset[str]  # the slug and every `class:<slug>` it belongs to


def _live_treatments(slugs: list[str]) -> dict[str, _Known]:
    rows = Treatment.objects.filter(live=True, slug__in=slugs).values_list(
        "slug", "name", "class_slugs"
    )
    found = {slug: _known(slug, name, classes) for slug, name, classes in rows}
    return {slug: found[slug] for slug in slugs if slug in found}


def _known(slug: str, name: str, classes: list[str]) -> "_Known":
    return _Known(slug, name, frozenset((slug, *(CLASS_PREFIX + c for c in classes or ()))))


def _interactions(known: dict[str, _Known]) -> list[Interaction]:
    if len(known) < 2:
        return []
    parties = set().union(*(k.parties for k in known.values()))
    return list(Interaction.objects.filter(live=True).filter(Q(a__in=parties) | Q(b__in=parties)))


def _pairs(interaction: Interaction, first: _Known, second: _Known) -> bool:
    a, b = interaction.a, interaction.b
    return (a in first.parties and b in second.parties) or (
        a in second.parties and b in first.parties
    )


def _contraindications(slugs: list[str], conditions: list[str]) -> dict[tuple, list]:
    rows = Contraindication.objects.filter(
        live=True, treatment__slug__in=slugs, condition__in=conditions
    ).select_related("treatment")
    grouped: dict[tuple, list] = {}
    for row in rows:
        grouped.setdefault((row.treatment.slug, row.condition), []).append(row)
    return grouped


def _fold(first: _Known, second: str, second_slug: str, with_condition: bool, facts, sources):
    """One warning from every fact about this pair: the worst grade and its wording, and the
    documents of all of them."""
    facts = sorted(facts, key=lambda fact: SEVERITIES.index(fact.severity))
    worst = facts[0]
    citations: list[CitationView] = []
    for fact in facts:
        citations += [c for c in citations_view(fact.citations, sources) if c not in citations]
    return Clash(
        first=first.name,
        second=second,
        first_slug=first.slug,
        second_slug=second_slug,
        with_condition=with_condition,
        severity=worst.severity,
        effect=worst.effect,
        advice=worst.advice,
        citations=tuple(citations),
        unverified=worst.unverified,
        note=next((fact.note for fact in facts if fact.note), ""),
    )
