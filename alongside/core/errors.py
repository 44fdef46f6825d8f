"""The site's own error page for a failure on our side, rendered without a database query.

When PostgreSQL is away, the usual page machinery (context processors, the signed-in user,
the session) would query again and fail a second time, leaving the server's bare error. This
page is rendered from a plain context instead: the community the request already found (it
comes from the cache), the visitor's display cookies, and, after a POST, the text they typed,
so nothing they wrote is lost. API clients get JSON in the API's error shape.
"""

import re
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from alongside.core.context_processors import display

RETRY_AFTER_SECONDS = 30
# Never echoed back: passwords, tokens, keys, one-time codes and the CSRF value.
_SECRET_FIELD = re.compile(r"pass|token|csrf|secret|key|otp|code|sig", re.IGNORECASE)
_NOT_TYPED = frozenset({"next", "action"})
_MAX_CHARACTERS = 50_000


def database_unavailable(error: BaseException | None) -> bool:
    """A lost or refused database connection (as opposed to a bug)."""
    return isinstance(error, OperationalError | InterfaceError)


def error_response(*, request, error: BaseException | None) -> HttpResponse:
    """503 (with Retry-After) when the database is away, else 500; JSON under /api/."""
    unavailable = database_unavailable(error)
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": _api_detail(unavailable)}, status=status)
    else:
        response = HttpResponse(_page(request, unavailable=unavailable), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def current_error() -> BaseException | None:
    """The exception being handled (Django calls the 500 view inside its except block)."""
    return sys.exc_info()[1]


def typed_text(request) -> list[dict]:
    """The text fields of a failed POST, to give back to the member (never secrets)."""
    if request.method != "POST":
        return []
    try:
        posted = request.POST.lists()
    except Exception:  # an unreadable body leaves nothing to give back
        return []
    return [
        {"name": name, "label": name.replace("_", " ").capitalize(), "value": value}
        for name, values in posted
        if not _SECRET_FIELD.search(name) and name not in _NOT_TYPED
        for value in values
        if value.strip()
    ][:20]


def _api_detail(unavailable: bool) -> str:
    if unavailable:
        return _("The service is briefly unavailable. Nothing was saved; try again shortly.")
    return _("Something went wrong on our side. Nothing was saved; try again shortly.")


def _page(request, *, unavailable: bool) -> str:
    typed = typed_text(request)
    for field in typed:
        field["value"] = field["value"][:_MAX_CHARACTERS]
    context = {
        # Set by CommunityMiddleware from the cache; absent when even that lookup failed.
        "community": getattr(request, "community", None),
        "request": request,
        "unavailable": unavailable,
        "typed": typed,
        **display(request),
    }
    return render_to_string("500.html", context)
