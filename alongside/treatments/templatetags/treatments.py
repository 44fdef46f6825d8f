from urllib.parse import urlsplit

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from alongside.core.fragments import fragment_key, kept_frames, rendered, ticked
from alongside.treatments import selectors
from alongside.treatments.models import Severity

register = template.Library()


@register.filter
def host(url: str) -> str:
    """'https://www.example.org/a/b' -> 'example.org': a short name for a source link."""
    return urlsplit(url).netloc.removeprefix("www.")


@register.filter
def severity_label(code: str) -> str:
    return Severity(code).label if code in Severity.values else code


@register.filter
def condition_name(slug: str) -> str:
    return selectors.condition_name(slug)


@register.simple_tag(takes_context=True)
def profile_treatments(context, public_id, preview=None):
    """The entries of the profile's owner that the viewer may see."""
    request = context["request"]
    return selectors.profile_treatments_for(
        viewer=request.user,
        owner_public_id=public_id,
        community=request.community,
        preview=preview,
    )


@register.simple_tag(takes_context=True)
def choice_boxes(context, field, template_name: str) -> str:
    """A field's checkboxes through `template_name`, rendered once for each set of choices and
    kept (the checker lists about a hundred: the same for every visitor of a community), then
    the visitor's own choices ticked."""
    choices = _plain(field.field.choices)
    key = fragment_key(
        "choices:1",
        template_name,
        field.html_name,
        field.auto_id,
        choices,
        translation.get_language(),
    )

    html = kept_frames.get(key, lambda: rendered(context, template_name, field=field))
    return mark_safe(ticked(html, field.html_name, field.value() or ()))  # noqa: S308 (rendered by the list's template, escaped there)


def _plain(choices) -> tuple:
    """Choices (grouped or not) as plain strings, so they can name a fragment."""
    return tuple(
        (str(value), _plain(label) if isinstance(label, list | tuple) else str(label))
        for value, label in choices
    )
