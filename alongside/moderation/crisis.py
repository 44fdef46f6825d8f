"""Crisis language: a curated phrase list per language, matched on normalised text, and the
help a community shows in each language."""

import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml
from django.utils import translation
from django.utils.translation import gettext as _

from alongside.communities.models import CrisisLanguage
from alongside.core.prepared import Int, Prepared

_PHRASES_FILE = Path(__file__).parent / "data" / "crisis_phrases.yaml"
_NOT_WORD = re.compile(r"[^a-z0-9]+")
FALLBACK_LANGUAGE = "en"


def normalise(text: str) -> str:
    """Case folded ("ß" -> "ss"), accents and apostrophes dropped, everything else a single
    space, padded with a space so phrases match on word boundaries."""
    decomposed = unicodedata.normalize("NFKD", text or "").casefold()
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"['\u2019\u2018`]", "", plain)
    return " " + _NOT_WORD.sub(" ", plain).strip() + " "


@cache
def _table() -> dict:
    return yaml.safe_load(_PHRASES_FILE.read_text()) or {}


@cache
def phrases_for(language: str) -> tuple[str, ...]:
    """The phrases of a language ("fr-ca" uses "fr"); English when there is no list for it,
    so a community in a language without a list is still screened for the commonest words."""
    table = _table()
    chosen = table.get(language) or table.get(_base(language)) or table[FALLBACK_LANGUAGE]
    return tuple(normalise(phrase) for phrase in chosen)


def mentions_crisis(text: str, language: str | None = None, *, languages=()) -> bool:
    """Whether the text holds a crisis phrase of any of `languages` (else of `language`, else
    of the active language)."""
    haystack = normalise(text)
    chosen = list(languages) or [language or _active_language()]
    return any(phrase in haystack for lang in set(chosen) for phrase in phrases_for(lang))


def screened_languages(community) -> list[str]:
    """The community's main language and every language its staff added."""
    if community is None:
        return [_active_language()]
    return [community.default_language, *_ADDED_LANGUAGES.rows(community=community.pk)]


# Every post is screened: its SQL is built once per process.
_ADDED_LANGUAGES = Prepared(
    lambda *, community: (
        CrisisLanguage.objects.filter(community_id=community)
        .order_by("pk")
        .values_list("language", flat=True)
    ),
    community=Int,
)


def resources_for(*, community, language: str | None = None) -> str:
    """The crisis resources for the author's language (the active one), else the community's
    main language's, else its general text, else a generic line."""
    language = language or _active_language()
    rows = {row.language: row.resources for row in community.crisis_languages.all()}
    for choice in (language, _base(language), community.default_language):
        if rows.get(choice):
            return rows[choice]
    return community.crisis_resources or _(
        "If you are in danger, call your local emergency number."
    )


def _base(language: str) -> str:
    return language.split("-")[0].lower()


def _active_language() -> str:
    return translation.get_language() or FALLBACK_LANGUAGE
