"""Warnings when treatments clash with each other or with a member's conditions.

Read from the live (reviewed) knowledge base in the database, kept in the cache (no query on a
warm cache, four on a cold one) and forgotten whenever a row is published, unpublished or
deleted. One warning per clash: facts about the same pair, in either direction
or from several documents, are folded into one, graded by the worst of them.
"""

import uuid
from dataclasses import dataclass
from itertools import combinations

from django.core.cache import cache

from alongside.accounts.conditions import conditions_by_slug
from alongside.treatments.citations import CitationView, citations_view
from alongside.treatments.knowledge import CLASS_PREFIX, SEVERITIES
from alongside.treatments.models import Contraindication, Interaction, Source, Treatment


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
    live = live_knowledge()
    known = {
        slug: live.treatments[slug] for slug in dict.fromkeys(treatments) if slug in live.treatments
    }
    groups = [
        (a, b, facts)
        for a, b in combinations(known, 2)
        if (facts := [i for i in live.interactions if _pairs(i, known[a], known[b])])
    ]
    contras = {
        (slug, condition): live.contraindications[(slug, condition)]
        for slug in known
        for condition in dict.fromkeys(conditions)
        if (slug, condition) in live.contraindications
    }
    found = [
        _fold(known[a], known[b].name, b, False, facts, live.sources) for a, b, facts in groups
    ]
    names = conditions_by_slug()
    found += [
        _fold(known[slug], names[condition].name, condition, True, facts, live.sources)
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


_LIVE_KEY = "treatments:live-knowledge:v2"
_LIVE_SECONDS = 300
_VERSION_KEY = "treatments:live-knowledge-version:v1"
# This process's unpickled copy and its version (see live_knowledge).
_here: dict = {}


@dataclass(frozen=True)
class _Known:
    slug: str
    name: str
    parties: frozenset[str]  # the slug and every `class:<slug>` it belongs to


def _known(slug: str, name: str, classes: list[str]) -> _Known:
    return _Known(slug, name, frozenset((slug, *(CLASS_PREFIX + c for c in classes or ()))))


@dataclass(frozen=True)
class LiveKnowledge:
    """What the clash check reads: the live treatments, interactions, contraindications and
    sources (a few hundred small rows)."""

    treatments: dict[str, _Known]
    interactions: tuple[Interaction, ...]
    contraindications: dict[tuple[str, str], list[Contraindication]]
    sources: dict[str, Source]
    # New at every read from the database: what was built from one copy names it, so a publish
    # (which forgets the copy) makes every such thing new too.
    version: str = ""


def live_knowledge() -> LiveKnowledge:
    """The live knowledge base: four queries when the cache has none, otherwise the copy this
    process already unpickled, as long as the cache's version is still its version (a few bytes
    read from the cache instead of a few hundred rows to unpickle on every page that checks
    clashes). Every publish, unpublish or deletion of a row forgets it
    (`live_knowledge_forget`); the timeout bounds how long a change made behind the services'
    back could go unseen."""
    version = cache.get(_VERSION_KEY)
    if version is not None and _here.get("version") == version:
        return _here["live"]
    live = cache.get(_LIVE_KEY)
    if live is None or live.version != version:
        live = _live_knowledge_read()
        cache.set_many({_LIVE_KEY: live, _VERSION_KEY: live.version}, _LIVE_SECONDS)
    _here.update(version=live.version, live=live)
    return live


def live_knowledge_version() -> str:
    """The version of the live knowledge base, without reading it."""
    version = cache.get(_VERSION_KEY)
    return version if version is not None else live_knowledge().version


def live_knowledge_forget() -> None:
    cache.delete_many([_LIVE_KEY, _VERSION_KEY])


def _live_knowledge_read() -> LiveKnowledge:
    rows = Treatment.objects.filter(live=True).values_list("slug", "name", "class_slugs")
    contraindications: dict[tuple[str, str], list[Contraindication]] = {}
    for row in Contraindication.objects.filter(live=True).select_related("treatment"):
        contraindications.setdefault((row.treatment.slug, row.condition), []).append(row)
    return LiveKnowledge(
        treatments={slug: _known(slug, name, classes) for slug, name, classes in rows},
        interactions=tuple(Interaction.objects.filter(live=True)),
        contraindications=contraindications,
        sources={source.slug: source for source in Source.objects.filter(live=True)},
        version=uuid.uuid4().hex,
    )


def _pairs(interaction: Interaction, first: _Known, second: _Known) -> bool:
    a, b = interaction.a, interaction.b
    return (a in first.parties and b in second.parties) or (
        a in second.parties and b in first.parties
    )


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
