"""Anonymous article and library pages served from the cache, purged when anything is published.

A page marks itself cacheable (`cache_anonymous = True`). What differs per visitor in the
cached HTML (the CSRF token and the CSP nonce) is stored as a placeholder and filled in fresh
for each visitor. Visitors with a session or pending messages always get a fresh page.
"""

import gzip
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from alongside.core.fragments import token_put_in, token_taken_out
from alongside.core.memo import LocalMemo

_GENERATION = "pagecache:generation"
_NONCE = "@@CSP-NONCE@@"
_SECONDS = 3600
# Each hit is compressed afresh (its CSRF token and nonce are the visitor's own): a fast level
# costs a third of GZipMiddleware's level 6 for about 10% more bytes. The CSRF token is masked
# per response and the nonce is random, which is Django's defence against BREACH.
_GZIP_LEVEL = 2
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_VARY_COOKIES = ("text_size", "theme")
_generations = LocalMemo()
# The busiest pages, kept a moment in the worker too: a hit then needs no Redis round trip
# (a ~100 KB value). Keys carry the generation, so a purge is seen as soon as the generation.
_pages = LocalMemo(max_keys=64)


def page_cache_purge() -> None:
    """Forget every cached page (a new generation makes the old keys unreachable)."""
    try:
        cache.incr(_GENERATION)
    except ValueError:  # never set yet, or the cache is away
        cache.set(_GENERATION, _new_generation(), None)
    _generations.forget()
    _pages.forget()


def _generation() -> int:
    """Kept in the worker's memory for LOCAL_MEMO_SECONDS: another worker's purge is seen
    here that much later; this worker's own purge at once."""
    return _generations.get(
        _GENERATION, lambda: cache.get_or_set(_GENERATION, _new_generation, None)
    )


def _new_generation() -> int:
    """Milliseconds since the epoch: a generation started after the cache lost its own (a
    Redis flush or restart) is newer than every page stored before."""
    return time.time_ns() // 1_000_000


def _eligible(request) -> bool:
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and not getattr(request, "htmx", False)
    )


def _key(request) -> str:
    parts = [request.get_host(), request.get_full_path()]
    parts += [request.COOKIES.get(name, "") for name in _VARY_COOKIES]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"pagecache:{_generation()}:{digest}"


class AnonymousPageCacheMiddleware:
    """Place after the CSRF, CSP and authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        key = _key(request)
        stored = _pages.get(key, lambda: cache.get(key))
        if stored is not None:
            return _serve(request, stored)
        response = self.get_response(request)
        if _cacheable(request, response):
            cache.set(key, _template(request, response), _SECONDS)
        return response


def _cacheable(request, response) -> bool:
    return (
        getattr(response, "cache_anonymous", False)
        and response.status_code == 200
        and not request.user.is_authenticated
        and not response.cookies.get(settings.SESSION_COOKIE_NAME)
    )


def _template(request, response) -> dict:
    html = response.content.decode()
    html = token_taken_out(html)
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:
        html = html.replace(str(nonce), _NONCE)
    return {"html": html, "content_type": response["Content-Type"]}


def _serve(request, stored: dict) -> HttpResponse:
    html = token_put_in(stored["html"], request)
    if _NONCE in html:
        html = html.replace(_NONCE, str(request.csp_nonce))
    body = html.encode()
    response = HttpResponse(content_type=stored["content_type"])
    if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        body = gzip.compress(body, compresslevel=_GZIP_LEVEL, mtime=0)
        response["Content-Encoding"] = "gzip"  # GZipMiddleware leaves it as it is
    patch_vary_headers(response, ("Accept-Encoding",))
    response.content = body
    response["X-Page-Cache"] = "hit"
    return response
