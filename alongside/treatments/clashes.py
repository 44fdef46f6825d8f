"""Warnings when treatments clash with each other or with a member's conditions.

Read from the validated knowledge base in memory (the same files `load_treatments` puts in the
database), so a check costs no query.
"""

from dataclasses import dataclass
from functools import cache
from itertools import combinations

from alongside.accounts.conditions import conditions_by_slug
from alongside.treatments.knowledge import SEVERITIES, KnowledgeBase, load_knowledge_base


@cache
def knowledge_base() -> KnowledgeBase:
    return load_knowledge_base()


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
    source: str
    unverified: bool = False
    note: str = ""


def clashes_for(*, treatments: list[str], conditions: list[str]) -> list[Clash]:
    """Every clash among these treatment slugs and condition slugs, worst first.

    Unknown slugs are ignored, so a stale or hand-typed value cannot break a check.
    """
    kb = knowledge_base()
    known = [slug for slug in dict.fromkeys(treatments) if _known(kb, slug)]
    found = [c for a, b in combinations(known, 2) for c in _between(kb, a, b)]
    found += [c for slug in known for c in _with_conditions(kb, slug, conditions)]
    return sorted(found, key=lambda clash: SEVERITIES.index(clash.severity))


def clashes_adding(*, treatment: str, current: list[str], conditions: list[str]) -> list[Clash]:
    """Only the clashes that involve `treatment`, the one being added or resumed."""
    everything = clashes_for(treatments=[treatment, *current], conditions=conditions)
    return [c for c in everything if treatment in (c.first_slug, c.second_slug)]


def _known(kb: KnowledgeBase, slug: str) -> bool:
    try:
        kb.treatment(slug)
    except KeyError:
        return False
    return True


def _between(kb: KnowledgeBase, a: str, b: str) -> list[Clash]:
    first, second = kb.treatment(a), kb.treatment(b)
    return [
        Clash(
            first=first.name,
            second=second.name,
            first_slug=a,
            second_slug=b,
            with_condition=False,
            severity=i.severity,
            effect=i.effect,
            advice=i.advice,
            source=i.source,
            unverified=i.unverified,
            note=i.note,
        )
        for i in kb.interactions_between(a, b)
    ]


def _with_conditions(kb: KnowledgeBase, slug: str, conditions: list[str]) -> list[Clash]:
    names = conditions_by_slug()
    return [
        Clash(
            first=kb.treatment(slug).name,
            second=names[c.condition].name,
            first_slug=slug,
            second_slug=c.condition,
            with_condition=True,
            severity=c.severity,
            effect=c.effect,
            advice=c.advice,
            source=c.source,
            unverified=c.unverified,
            note=c.note,
        )
        for c in kb.contraindications_for(slug)
        if c.condition in conditions
    ]
