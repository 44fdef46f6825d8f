"""The feed's update form. Empty (nothing typed, no errors) it is the same for every member
but for the draft they left: it is rendered once per language and kept, and the draft is put
back for each member. Its four picture slots and the audience choice took about a fifth of a
feed request when rendered each time."""

from django import template
from django.urls import get_urlconf
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from alongside.core.fragments import fragment_key, kept, rendered

register = template.Library()
FORM_TEMPLATE = "conversations/includes/update_form.html"
_DRAFT = "@@UPDATE-DRAFT@@"


@register.simple_tag(takes_context=True)
def update_form(context, form) -> str:
    request = context.get("request")
    if request is None or form.is_bound or set(form.initial) - {"body"}:
        return rendered(context, FORM_TEMPLATE, form=form)
    key = fragment_key("update-form:1", get_urlconf(), translation.get_language())
    draft = form.initial.get("body") or ""
    empty = lambda: rendered(context, FORM_TEMPLATE, form=type(form)(initial={"body": _DRAFT}))  # noqa: E731
    html = kept(key, empty, request, {_DRAFT: escape(draft)})
    return mark_safe(html)  # noqa: S308 (rendered by the form's template, escaped there)
