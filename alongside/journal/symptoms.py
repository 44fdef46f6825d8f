"""The symptoms a member can track and the 0-4 scale, in plain words."""

from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext_lazy as _

SYMPTOMS = {
    "fatigue": _("Fatigue"),
    "pain": _("Pain"),
    "walking": _("Walking or balance"),
    "spasticity": _("Stiffness or spasms"),
    "bladder": _("Bladder or bowel"),
    "vision": _("Vision"),
    "numbness": _("Numbness or tingling"),
    "thinking": _("Thinking or memory"),
    "mood": _("Low mood"),
    "sleep": _("Sleep problems"),
    "heat": _("Heat sensitivity"),
}
DEFAULT_TRACKED = ["fatigue", "pain", "walking", "mood", "sleep"]
SCALE = [
    (0, _("None")),
    (1, _("A little")),
    (2, _("Moderate")),
    (3, _("A lot")),
    (4, _("Severe")),
]
SCALE_WORDS = dict(SCALE)
MAX_OWN_SYMPTOMS = 5
SCORE_MAX = 4


def symptom_name(journal, key: str) -> str:
    """The label of a built-in symptom or of one the member added themselves."""
    names = _words(translation.get_language())[0]
    if key in names:
        return names[key]
    return journal.own_symptoms.get(key, key)


def tracked(journal) -> list[tuple[str, str]]:
    """(key, label) of the symptoms the member tracks, in their order."""
    return [(key, symptom_name(journal, key)) for key in journal.symptoms]


def score_word(value) -> str:
    return _words(translation.get_language())[1].get(value, "") if value is not None else ""


@lru_cache(maxsize=16)
def _words(language: str | None) -> tuple[dict[str, str], dict[int, str]]:
    """The symptoms' names and the scale's words in `language` (the active one): a page of
    two weeks of check-ins names them about 90 times, each a translation lookup."""
    return (
        {key: str(name) for key, name in SYMPTOMS.items()},
        {value: str(word) for value, word in SCALE_WORDS.items()},
    )
