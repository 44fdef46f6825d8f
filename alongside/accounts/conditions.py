"""The curated list of conditions a member can add (ICD-10-CM codes), read once."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext_lazy as _

_FILE = Path(__file__).parent / "data" / "conditions.yaml"


@dataclass(frozen=True)
class Condition:
    slug: str
    code: str
    name: str
    group: str


@cache
def all_conditions() -> tuple[Condition, ...]:
    rows = yaml.safe_load(_FILE.read_text())
    return tuple(Condition(**row) for row in rows)


@cache
def conditions_by_slug() -> dict[str, Condition]:
    return {condition.slug: condition for condition in all_conditions()}


# Body systems, in the order the onboarding list shows them.
GROUPS = {
    "neurological": _("Brain and nerves"),
    "mental-health": _("Mental health"),
    "pain": _("Pain"),
    "autoimmune": _("Immune system"),
    "bones-joints": _("Bones and joints"),
    "heart": _("Heart and circulation"),
    "lungs-sleep": _("Breathing and sleep"),
    "digestive": _("Digestion"),
    "liver": _("Liver"),
    "kidneys-bladder": _("Kidneys and bladder"),
    "hormones": _("Hormones and metabolism"),
    "eyes": _("Eyes"),
    "infections": _("Long-term infections"),
    "cancer": _("Cancer"),
    "other": _("Other"),
}


def condition_choices(*, exclude: str = "") -> list[tuple[str, list[tuple[str, str]]]]:
    """The conditions by body system, each sorted by name; codes stay out of the labels."""
    grouped: dict[str, list[tuple[str, str]]] = {key: [] for key in GROUPS}
    for condition in all_conditions():
        if condition.slug != exclude:
            grouped[condition.group].append((condition.slug, condition.name))
    return [
        (GROUPS[key], sorted(items, key=lambda item: item[1].lower()))
        for key, items in grouped.items()
        if items
    ]


def condition_find(text: str) -> Condition | None:
    """The condition a member typed in the search box: its name, or the start of it."""
    wanted = " ".join(text.split()).lower()
    if not wanted:
        return None
    names = {condition.name.lower(): condition for condition in all_conditions()}
    if wanted in names:
        return names[wanted]
    starting = [c for name, c in names.items() if name.startswith(wanted)]
    return starting[0] if len(starting) == 1 else None
