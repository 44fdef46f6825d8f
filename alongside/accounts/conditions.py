"""The curated list of conditions a member can add (ICD-10-CM codes), read once."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

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


def condition_choices(*, exclude: str = "") -> list[tuple[str, str]]:
    return [(c.slug, f"{c.name} ({c.code})") for c in all_conditions() if c.slug != exclude]
