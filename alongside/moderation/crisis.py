"""Crisis language: a curated phrase list per language, matched on normalised text."""

import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml
from django.utils import translation

_PHRASES_FILE = Path(__file__).parent / "data" / "crisis_phrases.yaml"
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, accents and apostrophes dropped, everything else a single space."""
    decomposed = unicodedata.normalize("NFKD", text or "").lower()
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"['\u2019\u2018`]", "", plain)
    return " " + _NOT_WORD.sub(" ", plain).strip() + " "


@cache
def phrases_for(language: str) -> tuple[str, ...]:
    table = yaml.safe_load(_PHRASES_FILE.read_text()) or {}
    chosen = table.get(language) or table.get(language.split("-")[0]) or table.get("en", [])
    return tuple(normalise(phrase) for phrase in chosen)


def mentions_crisis(text: str, language: str | None = None) -> bool:
    haystack = normalise(text)
    return any(phrase in haystack for phrase in phrases_for(language or _language()))


def _language() -> str:
    return translation.get_language() or "en"
