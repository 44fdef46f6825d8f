import json
import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

_MARKER = re.compile(r"\[\^([\w.-]+)\]")


@register.simple_tag(takes_context=True)
def article_body(context, page) -> dict:
    """The body as HTML with [^key] citations numbered in reading order, and the sources list.

    Sources are numbered by first citation; uncited sources follow at the end.
    """
    flat = context.flatten()
    html = "".join(str(block.render(flat)) for block in page.body)
    by_key = {source.value["key"]: source.value for source in page.sources}
    order: list[str] = []

    def cite(match: re.Match) -> str:
        key = match.group(1)
        if key not in by_key:
            return ""
        if key not in order:
            order.append(key)
        number = order.index(key) + 1
        return format_html(
            '<sup class="cite"><a href="#source-{}" aria-label="{}">{}</a></sup>',
            number,
            _("Source %(number)s") % {"number": number},
            number,
        )

    body = _MARKER.sub(cite, html)
    order += [key for key in by_key if key not in order]
    return {"html": mark_safe(body), "sources": [by_key[key] for key in order]}  # noqa: S308


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def article_jsonld(context, page) -> str:
    """schema.org MedicalWebPage data for search engines (escaped for a script element)."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "headline": page.title,
        "name": page.title,
        "description": page.intro,
        "url": page.get_full_url(request),
        "datePublished": _iso(page.first_published_at),
        "dateModified": _iso(page.updated_on),
        "lastReviewed": _iso(page.last_reviewed_at),
        "inLanguage": "en",
        "publisher": {"@type": "Organization", "name": request.community.name},
    }
    if page.writer:
        data["author"] = _person(page.writer, request)
    if page.reviewer:
        data["reviewedBy"] = _person(page.reviewer, request)
    return mark_safe(json.dumps(data).translate(_JSON_ESCAPES))  # noqa: S308 - escaped above


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _person(person, request) -> dict:
    return {
        "@type": "Person",
        "name": person.title,
        "honorificSuffix": person.credentials,
        "url": person.get_full_url(request),
    }
