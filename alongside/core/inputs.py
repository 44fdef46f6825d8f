"""Input that no view should have to think about: ids and cursors out of range, NUL
characters and lone surrogates (PostgreSQL cannot store them), direction controls in names.

Hostile values become a 400 (the middleware below, the API's JSON parser) or are read as
"nothing given" (a cursor that does not parse means the first page), never a 500.
"""

import json
import re

MAX_ID = 2**63 - 1  # the largest primary key any table here can hold (bigint)
_DIGITS = re.compile(r"[0-9]{1,19}")
# Characters a member cannot mean in text: NUL and UTF-16 halves without their partner.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Right-to-left and left-to-right marks, embeddings, overrides and isolates: in a name they
# can reverse the text around it ("moderator" spoofing), so names drop them.
_DIRECTION_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
_OTHER_CONTROLS = re.compile("[\x01-\x1f\x7f-\x9f]")


def parse_id(value: str | None) -> int | None:
    """A positive id written in ASCII digits that fits a bigint, else None."""
    if value is None or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def is_storable(text: str) -> bool:
    """False for text holding a NUL or a lone surrogate (no database column can keep it)."""
    return _UNSTORABLE.search(text) is None


def clean_name(name: str) -> str:
    """A display name without direction or other control characters, trimmed."""
    return _OTHER_CONTROLS.sub("", _DIRECTION_CONTROLS.sub("", name)).strip()


def loads_storable_json(body: bytes):
    """json.loads that refuses a string (key or value, at any depth) no database could store,
    and the non-standard NaN and Infinity."""
    data = json.loads(body, parse_constant=_no_constant)
    _check(data)
    return data


def _check(value) -> None:
    if isinstance(value, str) and not is_storable(value):
        raise ValueError("The request holds a NUL character or a lone surrogate.")
    if isinstance(value, dict):
        for key, item in value.items():
            _check(key)
            _check(item)
    elif isinstance(value, list):
        for item in value:
            _check(item)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number.")
