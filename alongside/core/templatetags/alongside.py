from django import template
from django.urls import NoReverseMatch, get_urlconf
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from alongside.core import routes, slots
from alongside.core.feedback import place_of
from alongside.core.fragments import fragment_key, kept, rendered

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
    return rendered(context, "includes/nav_links.html")


_PROFILE_URL = "@@PROFILE-URL@@"
_NEXT_PATH = "@@NEXT-PATH@@"


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    """The header every page shows, rendered once for each kind of visitor and kept: what
    shapes it is the community, the language, whether the visitor is signed in and a member,
    their unread counts and the section of the site the page is in (which link is current:
    every link in the navigation is one path segment deep). The member's own profile link is
    put back per visitor. A moderator's header counts the desk's waiting entries: rendered
    each time."""
    request = context.get("request")
    user = context.get("user")
    membership = context.get("viewer_membership")
    profile_url = routes.route("profile", user.public_id) if membership else ""
    if request is None or (membership is not None and membership.is_moderator):
        return rendered(context, "includes/header.html", profile_url=profile_url)
    community = context.get("community")
    key = fragment_key(
        "header:1",
        get_urlconf(),
        community.pk if community else None,
        community.name if community else None,
        translation.get_language(),
        bool(user and user.is_authenticated),
        membership is not None,
        context.get("message_unread_count", 0),
        context.get("notification_unread_count", 0),
        _section(request.path),
    )
    html = kept(
        key,
        lambda: rendered(context, "includes/header.html", profile_url=_PROFILE_URL),
        request,
        {_PROFILE_URL: escape(profile_url)},
    )
    return mark_safe(html)  # noqa: S308 (rendered by the header template, escaped there)


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    """The footer, kept per language and display choice; the page's own path (where the display
    form returns) is put back per request."""
    request = context.get("request")
    if request is None:
        return rendered(context, "includes/footer.html", next_path="")
    key = fragment_key(
        "footer:1", translation.get_language(), context.get("text_size"), context.get("theme")
    )
    html = kept(
        key,
        lambda: rendered(context, "includes/footer.html", next_path=_NEXT_PATH),
        request,
        {_NEXT_PATH: escape(request.get_full_path())},
    )
    return mark_safe(html)  # noqa: S308 (rendered by the footer template, escaped there)


def _section(path: str) -> str:
    """'/' for the home page, else the first path segment: '/questions/12/' -> '/questions/'."""
    first = path.strip("/").split("/", 1)[0]
    return f"/{first}/" if first else "/"


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
