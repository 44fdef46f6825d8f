# ruff: noqa: S310 (http://localhost only)
"""Requests to a page before the load, one at a time: its status, SQL queries and service time
(X-Query-Count and X-Service-Ms, set by alongside.core.middleware when BENCH_QUERY_COUNT is
on; the median of 15) and page weight: the gzip bytes of the HTML plus every stylesheet and
script it links, as a first-time visitor downloads them."""

import gzip
import re
import statistics
import urllib.error
import urllib.request

_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


SAMPLES = 15


def probe(base: str, plan: dict, cookies: list[str], csrf: str) -> dict:
    """GET a few times, one at a time (the first warms the caches) or POST once."""
    tries = 1 if plan["method"] == "POST" else SAMPLES + 1
    service = []
    for _ in range(tries):
        status, headers, body = _fetch(base, plan, cookies[:1], csrf)
        service.append(float(headers.get("X-Service-Ms", 0)))
        if status >= 400:
            break
    ok = status < 400
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    weight = len(body) + (_assets_weight(base, html.decode(errors="replace")) if ok else 0)
    return {
        "ok": ok,
        "status": status,
        "location": headers.get("Location", ""),
        "queries": int(headers.get("X-Query-Count", -1)),
        "service_ms": statistics.median(service[1:] or service),
        "html_gzip_bytes": len(body),
        "weight_bytes": weight,
    }


def _fetch(base: str, plan: dict, cookies: list[str], csrf: str, path: str | None = None):
    request = urllib.request.Request(
        base + (path or plan["path"]),
        data=plan.get("body", "").encode() if plan["method"] == "POST" else None,
        method=plan["method"],
        headers={"Accept-Encoding": "gzip", "Accept": "text/html"},
    )
    if cookies:
        request.add_header("Cookie", cookies[0])
        request.add_header("X-CSRFToken", csrf)
    if plan["method"] == "POST":
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with _OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _assets_weight(base: str, html: str) -> int:
    total = 0
    for url in sorted(set(_ASSET.findall(html))):
        if url.startswith("/"):
            status, _, body = _fetch(base, {"method": "GET"}, [], "", path=url)
            total += len(body) if status == 200 else 0
    return total
