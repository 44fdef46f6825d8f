from django import template
from django.urls import NoReverseMatch
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from alongside.core import routes, slots
from alongside.core.feedback import place_of

register = template.Library()


@register.simple_tag
def route(viewname: str, *args) -> str:
    """Like {% url %} for links repeated on every row of a list (see core/routes.py)."""
    return routes.route(viewname, *args)


@register.simple_tag(takes_context=True)
def nav_link(context, target: str, label: str, hint: str = "") -> str:
    """A navigation item for a URL name or path; nothing when the part is not installed.
    `hint` is read by screen readers after the label (e.g. what a count counts).

    Built as a string, not an included template: the header shows about twenty on every
    page (the phone menu and the wide navigation)."""
    try:
        href = target if target.startswith("/") else routes.route(target)
    except NoReverseMatch:
        return ""
    if not href:
        return ""
    path = context["request"].path
    current = href == path or (href != "/" and path.startswith(href))
    return format_html(
        '<li><a href="{}"{}>{}{}</a></li>',
        href,
        mark_safe(' aria-current="page"') if current else "",
        label,
        format_html('<span class="visually-hidden"> {}</span>', hint) if hint else "",
    )


@register.simple_tag(takes_context=True)
def nav_links(context) -> str:
    """The main navigation's items, rendered once for the two places the header shows them
    (`{% nav_links as links %}`, then `{{ links }}` in each)."""
    template = context.template.engine.get_template("includes/nav_links.html")
    with context.push():
        return template.render(context)


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
