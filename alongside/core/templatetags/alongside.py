from django import template
from django.urls import NoReverseMatch
from django.utils.safestring import mark_safe

from alongside.core import routes, slots
from alongside.core.feedback import place_of

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
        href = target if target.startswith("/") else routes.route(target)
    except NoReverseMatch:
        href = ""
    path = context["request"].path
    current = href == path or (href not in ("", "/") and path.startswith(href))
    return {"href": href, "label": label, "current": current, "hint": hint}


@register.simple_tag
def url_or_empty(name: str, *args) -> str:
    """The URL for a name, or "" when that part of the product is not installed."""
    try:
        return routes.route(name, *args)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def slot(context, name: str, **kwargs) -> str:
    """Whatever installed apps add at this place (see core/slots.py); each renders escaped
    HTML through its own template."""
    return mark_safe(slots.render(name, context, **kwargs))  # noqa: S308


@register.inclusion_tag("includes/messages.html", takes_context=True)
def messages_here(context, place: str = "") -> dict:
    """The messages for one place on the page (none: those placed nowhere, shown at the
    top). Each message shows once, where it belongs."""
    found = [m for m in context.get("messages") or () if place_of(m) == place]
    return {"found": found, "place": place}


@register.filter
def site_path(url_path: str) -> str:
    """A page's path on its own site: '/ms-home/resources/heat/' -> '/resources/heat/'."""
    return "/" + "/".join(url_path.strip("/").split("/")[1:]) + "/"
