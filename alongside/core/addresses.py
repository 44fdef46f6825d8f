"""The community's address as the member saw it, for links in emails.

Emails are sent by tasks, long after the request: whoever queues an email captures the
address here (`base_url_for`) and passes it to the task, so a member who reached the site at
http://localhost:8000 gets links that open, and one at https://ms.example.org gets those.
"""

from contextvars import ContextVar
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

_current: ContextVar[object | None] = ContextVar("current_request", default=None)


def request_base_url(request) -> str:
    """'http://localhost:8000': the scheme, host and port this request came in on."""
    return f"{request.scheme}://{request.get_host()}"


def base_url_for(community) -> str:
    """The current request's address when the request is for this community (whatever name
    it came by: 127.0.0.1:8000 serves the default community), else the community's own host
    with the scheme and port of settings.BASE_URL (a scheduled job, another community)."""
    request = _current.get()
    if request is not None and getattr(getattr(request, "community", None), "pk", None) == (
        community.pk
    ):
        return request_base_url(request)
    hostname = community.site.hostname
    configured = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    netloc = f"{hostname}:{configured.port}" if configured.port else hostname
    return urlunsplit((configured.scheme or "https", netloc, "", "", ""))


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + path.lstrip("/")


class RequestBaseUrlMiddleware:
    """Remembers the request for `base_url_for` (a context variable: safe with threads and
    async)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(request)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
