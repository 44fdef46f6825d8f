import uuid
from datetime import date

from django import template
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from alongside.core.fragments import fragment_key, kept, rendered, ticked
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


_STAND_IN_JOURNAL = uuid.UUID(int=0)
_STAND_IN_DAY = date(2000, 1, 1)
_JID, _DAY, _NOTE, _STATUS = "@@JOURNAL@@", "@@DAY@@", "@@NOTE@@", "@@STATUS@@"
_FORM_TEMPLATE = "journal/includes/checkin_form.html"


@register.simple_tag(takes_context=True)
def checkin_form(context, form, access, day) -> str:
    """The check-in form. Unsent (no errors) it is the same for everyone who tracks the same
    symptoms in the same language but for the journal, the day, the scores already given, the
    note and the saved status: it is rendered once for each set of symptoms and kept, and
    those are put back per request (a scale of five radios per symptom was a fifth of the
    journal's page)."""
    request = context.get("request")
    status = _saved_status(context, form)
    if request is None or form.is_bound:
        return _checkin_render(context, form, access.journal.public_id, day, status)
    rows = tuple((name, str(form.fields[name].label)) for _key, name in form.symptom_keys)
    key = fragment_key("checkin-form:1", translation.get_language(), rows)

    def build() -> str:
        empty = type(form)(journal=access.journal, initial={"note": _NOTE})
        html = _checkin_render(context, empty, _STAND_IN_JOURNAL, _STAND_IN_DAY, _STATUS)
        return html.replace(str(_STAND_IN_JOURNAL), _JID).replace(_STAND_IN_DAY.isoformat(), _DAY)

    personal = {
        _JID: str(access.journal.public_id),
        _DAY: day.isoformat(),
        _NOTE: escape(form.initial.get("note") or ""),
        _STATUS: status,
    }
    html = kept(key, build, request, personal)
    for _key, name in form.symptom_keys:
        chosen = form.initial.get(name)
        html = ticked(html, name, () if chosen in (None, "") else [chosen])
    return mark_safe(html)  # noqa: S308 (rendered by the form's template, escaped there)


def _checkin_render(context, form, jid, day, status) -> str:
    safe_status = mark_safe(status)  # noqa: S308 (saved.html's output, or a placeholder)
    return rendered(
        context, _FORM_TEMPLATE, form=form, jid=jid, day=day, checkin_status=safe_status
    )


def _saved_status(context, form) -> str:
    checkin = getattr(form, "checkin", None)
    if checkin is None:
        return ""
    return rendered(context, "journal/includes/saved.html", checkin=checkin)
