from django import template
from django.urls import NoReverseMatch, reverse

from alongside.core import routes

register = template.Library()


@register.simple_tag
def route(viewname: str, *args) -> str:
    """Like {% url %} for links repeated on every row of a list (see core/routes.py)."""
    return routes.route(viewname, *args)


@register.inclusion_tag("includes/nav_item.html", takes_context=True)
def nav_link(context, target: str, label: str, hint: str = "") -> dict:
    """A navigation item for a URL name or path; nothing when the part is not installed.
    `hint` is read by screen readers after the label (e.g. what a count counts)."""
    try:
        href = target if target.startswith("/") else reverse(target)
    except NoReverseMatch:
        href = ""
    path = context["request"].path
    current = href == path or (href not in ("", "/") and path.startswith(href))
    return {"href": href, "label": label, "current": current, "hint": hint}


@register.simple_tag
def url_or_empty(name: str, *args) -> str:
    """The URL for a name, or "" when that part of the product is not installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
