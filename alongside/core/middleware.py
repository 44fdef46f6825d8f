"""Benchmark aid, installed only when settings.BENCH_QUERY_COUNT is on (see bench/README.md)."""

import time
from contextlib import ExitStack

from django.db import connections


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
