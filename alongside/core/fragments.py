"""Rendered HTML kept in the cache and served to other visitors: everything in it must be the
same for each of them, except the CSRF token, which is stored as a placeholder and filled in
with the visitor's own."""

import hashlib
import re
from collections.abc import Callable

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.html import escape

CSRF_PLACEHOLDER = "@@CSRF-TOKEN@@"
# Where templates carry the (per-render masked) CSRF token: forms, and htmx headers in base.html.
_CSRF_SPOTS = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{32,64}')


def token_taken_out(html: str) -> str:
    return _CSRF_SPOTS.sub(lambda match: match.group(1) + CSRF_PLACEHOLDER, html)


def token_put_in(html: str, request) -> str:
    if CSRF_PLACEHOLDER not in html:
        return html
    # One masked token per request for every fragment (masking one costs a few random bytes
    # and a cipher each time; a page of 20 cards asked for 20).
    token = getattr(request, "_fragment_csrf_token", None)
    if token is None:
        token = request._fragment_csrf_token = get_token(request)
    return html.replace(CSRF_PLACEHOLDER, token)


def rendered(context, template_name: str, **values) -> str:
    """`template_name` rendered in the page's own context, with `values` added."""
    template = context.template.engine.get_template(template_name)
    with context.push(**values):
        return template.render(context)


def ticked(html: str, name: str, values) -> str:
    """Kept checkboxes or radios named `name` with each of `values` checked (the kept copy
    has none checked)."""
    for value in set(values):
        box = f'name="{escape(name)}" value="{escape(value)}"'
        html = html.replace(box, f"{box} checked", 1)
    return html


def fragment_key(kind: str, *parts) -> str:
    """A cache key naming everything that shapes a fragment."""
    return f"{kind}:" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def shared(key: str, seconds: int, build: Callable[[], dict], request) -> dict:
    """What `build` returns (strings, one of them `html`), kept `seconds` under `key` for every
    visitor the key describes; the CSRF token is the visitor's own. `build` runs only when the
    cache has no copy: its queries and rendering are skipped on every other request."""
    found = cache.get(key)
    if found is None:
        found = build()
        found = {**found, "html": token_taken_out(found["html"])}
        cache.set(key, found, seconds)
    return {**found, "html": token_put_in(found["html"], request)}


def shared_each(context, template_name: str, name: str, items, keys: dict, seconds: int) -> str:
    """Each item rendered by `template_name` (as `name` in the page's own context), the copies
    found in the cache under `keys[item.pk]` used, the rest rendered and stored for `seconds`.
    An item without a key is rendered and never shared. Returns the joined HTML, with the
    viewer's own CSRF token."""
    request = context["request"]
    wanted = [key for key in keys.values() if key is not None]
    stored = cache.get_many(wanted) if wanted else {}
    template = context.template.engine.get_template(template_name)
    html, fresh = [], {}
    for item in items:
        key = keys.get(item.pk)
        if key in stored:
            html.append(token_put_in(stored[key], request))
            continue
        with context.push({name: item}):
            rendered = template.render(context)
        if key is not None:
            fresh[key] = token_taken_out(rendered)
        html.append(rendered)
    if fresh:
        cache.set_many(fresh, seconds)
    return "".join(html)


class _Kept:
    """The page frame's fragments (header, footer), kept in this process's memory: their keys
    name everything that shapes them, so a copy is never stale and needs no cache round trip.
    At most `max_keys` copies; the oldest go first."""

    def __init__(self, max_keys: int = 512) -> None:
        self._copies: dict[str, str] = {}
        self._max_keys = max_keys

    def get(self, key: str, build: Callable[[], str]) -> str:
        found = self._copies.get(key)
        if found is None:
            found = token_taken_out(build())
            if len(self._copies) >= self._max_keys:
                del self._copies[next(iter(self._copies))]
            self._copies[key] = found
        return found

    def clear(self) -> None:
        self._copies.clear()


kept_frames = _Kept()


def kept(key: str, build: Callable[[], str], request, personal: dict[str, str]) -> str:
    """What `build` renders, shared by every visitor `key` describes: `build` renders each
    `personal` placeholder in place of the visitor's own value (already escaped), put back in
    here with the visitor's CSRF token."""
    html = token_put_in(kept_frames.get(key, build), request)
    for placeholder, value in personal.items():
        html = html.replace(placeholder, value)
    return html
