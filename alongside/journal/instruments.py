"""Questionnaires whose licence allows free use in open-source software, and their scoring.

Only PHQ-9 and GAD-7 qualify (see the README and /data/*.yaml for the rights holders' words):
"No permission required to reproduce, translate, display or distribute" (Pfizer, the PHQ
screeners). Item text lives in data/<code>.yaml with its copyright line, never in code.
Scores follow the instruments' instructions: the sum of the item values (0-3 each), banded by
the published cut-points; every item must be answered (no prorating).
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

_DATA = Path(__file__).parent / "data"
CODES = ("phq9", "gad7")
PHQ9_SELF_HARM_ITEM = "q9"


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    version: str
    title: str
    copyright: str
    source: str
    reference: str
    stem: str
    options: tuple[tuple[int, str], ...]
    items: tuple[tuple[str, str], ...]
    bands: tuple[tuple[int, int, str], ...]

    @property
    def max_score(self) -> int:
        return len(self.items) * max(value for value, _ in self.options)


@dataclass(frozen=True)
class Score:
    total: int
    band: str
    safety_flag: bool


@cache
def instrument(code: str) -> Instrument:
    if code not in CODES:
        raise KeyError(code)
    raw = yaml.safe_load((_DATA / f"{code}.yaml").read_text())
    return Instrument(
        code=raw["code"],
        name=raw["name"],
        version=str(raw["version"]),
        title=raw["title"],
        copyright=raw["copyright"],
        source=raw["source"],
        reference=raw["reference"],
        stem=raw["stem"],
        options=tuple((int(v), str(label)) for v, label in raw["options"]),
        items=tuple((str(key), str(text)) for key, text in raw["items"]),
        bands=tuple((int(low), int(high), str(label)) for low, high, label in raw["bands"]),
    )


def all_instruments() -> list[Instrument]:
    return [instrument(code) for code in CODES]


def score(code: str, answers: dict[str, int]) -> Score:
    """Sum of the item values and its band. Raises ValueError when an item is missing or out
    of range, so a partial questionnaire is never scored as if complete."""
    spec = instrument(code)
    allowed = {value for value, _ in spec.options}
    values = []
    for key, _text in spec.items:
        value = answers.get(key)
        if value not in allowed:
            raise ValueError(f"{code}: item {key} needs one of {sorted(allowed)}")
        values.append(value)
    total = sum(values)
    band = next(label for low, high, label in spec.bands if low <= total <= high)
    flag = code == "phq9" and answers[PHQ9_SELF_HARM_ITEM] > 0
    return Score(total=total, band=band, safety_flag=flag)
