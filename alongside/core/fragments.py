"""Rendered HTML kept in the cache and served to other visitors: everything in it must be the
same for each of them, except the CSRF token, which is stored as a placeholder and filled in
with the visitor's own."""

import hashlib
import re

from django.middleware.csrf import get_token

CSRF_PLACEHOLDER = "@@CSRF-TOKEN@@"
# Where templates carry the (per-render masked) CSRF token: forms, and htmx headers in base.html.
_CSRF_SPOTS = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{32,64}')


def token_taken_out(html: str) -> str:
    return _CSRF_SPOTS.sub(lambda match: match.group(1) + CSRF_PLACEHOLDER, html)


def token_put_in(html: str, request) -> str:
    return html.replace(CSRF_PLACEHOLDER, get_token(request)) if CSRF_PLACEHOLDER in html else html


def fragment_key(kind: str, *parts) -> str:
    """A cache key naming everything that shapes a fragment."""
    return f"{kind}:" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
