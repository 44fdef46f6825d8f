"""Request guards, and a benchmark aid (installed only when settings.BENCH_QUERY_COUNT is on,
see bench/README.md)."""

import time
from contextlib import ExitStack

from django.db import connections
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.http.response import HttpResponseRedirectBase
from django.middleware import common
from django.utils.http import escape_leading_slashes

from alongside.core.inputs import MAX_ID, is_storable
from alongside.core.views import bad_request

_FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class QueryCountHeaderMiddleware:
    """Adds X-Query-Count (SQL statements, on every database) and X-Service-Ms (time spent
    inside Django, from here down: no queueing, no network) to each response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _Counter()
        started = time.perf_counter()
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counter))
            response = self.get_response(request)
        response["X-Query-Count"] = str(counter.count)
        response["X-Service-Ms"] = f"{(time.perf_counter() - started) * 1000:.2f}"
        return response


class _Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class InputGuardMiddleware:
    """Refuses a query string or form post holding text no database can store (a NUL), and a
    form post whose body cannot be parsed, with a 400 before any view or query sees it.
    JSON bodies are checked by the API's parser (config/api.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _all_storable(request.GET) or not _form_storable(request):
            return bad_request(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """An id in the address beyond any table's range names nothing (SQLite would overflow)."""
        if any(isinstance(value, int) and value > MAX_ID for value in view_kwargs.values()):
            raise Http404


def _form_storable(request) -> bool:
    """False for a form post holding a NUL, or one whose body cannot be parsed."""
    if request.method != "POST" or request.content_type not in _FORM_TYPES:
        return True
    try:
        return _all_storable(request.POST)
    except MultiPartParserError:
        return False


def _all_storable(data) -> bool:
    return all(
        is_storable(key) and all(is_storable(value) for value in values)
        for key, values in data.lists()
    )


class HttpResponsePermanentRedirectKeepingMethod(HttpResponseRedirectBase):
    """308: the browser repeats the same method with the same body at the new address."""

    status_code = 308


class CommonMiddleware(common.CommonMiddleware):
    """Django's, except that a POST (or any unsafe method) to a page's address without its
    trailing slash is redirected with a 308, which keeps the method and the body, instead of
    a 301 that turns it into a GET (production) or a RuntimeError (development)."""

    def get_full_path_with_slash(self, request):
        return escape_leading_slashes(request.get_full_path(force_append_slash=True))

    def process_response(self, request, response):
        if (
            response.status_code == 404
            and request.method not in _SAFE_METHODS
            and self.should_redirect_with_slash(request)
        ):
            return HttpResponsePermanentRedirectKeepingMethod(
                self.get_full_path_with_slash(request)
            )
        return super().process_response(request, response)


class ApiMethodNotAllowedMiddleware:
    """The API answers a wrong method in its own JSON shape (ninja's 405 is plain text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith("/api/"):
            return response
        shaped = JsonResponse({"detail": "Method not allowed."}, status=405)
        if response.has_header("Allow"):
            shaped["Allow"] = response["Allow"]
        return shaped
