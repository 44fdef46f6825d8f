from django import template

from alongside.journal import instruments
from alongside.journal.symptoms import score_word, symptom_name

register = template.Library()

_TABS = {
    "home": "today",
    "checkin": "today",
    "symptoms": "today",
    "relapse_new": "relapses",
    "relapse_edit": "relapses",
    "questionnaire": "questionnaires",
    "summary": "summaries",
    "activity": "carers",
}


@register.simple_tag(takes_context=True)
def journal_tab(context) -> str:
    match = getattr(context.get("request"), "resolver_match", None)
    name = match.url_name if match else ""
    return _TABS.get(name, name)


@register.simple_tag
def instrument_name(code: str) -> str:
    try:
        spec = instruments.instrument(code)
    except KeyError:
        return code
    return f"{spec.name}: {spec.title}"


@register.simple_tag
def scores_text(journal, scores: dict) -> str:
    """'Fatigue 3 (A lot), Pain 1 (A little)' in the member's order of symptoms."""
    keys = [key for key in journal.symptoms if key in scores] + [
        key for key in scores if key not in journal.symptoms
    ]
    return ", ".join(
        f"{symptom_name(journal, key)} {scores[key]} ({score_word(scores[key])})" for key in keys
    )


@register.filter
def word(value) -> str:
    return score_word(value)
