"""/readyz: each dependency's status and latency, for monitoring (see the README).

Apps add their own checks with `readiness_check_register`. A check
returns extra figures as a dict, or raises `NotReady(reason)` when the dependency answers
but is behind (a growing backlog); any other exception means it did not answer.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


class NotReady(Exception):
    """The dependency answered, but is not in a state to serve (e.g. a stalled queue)."""


Check = Callable[[], dict]
_checks: dict[str, Check] = {}


def readiness_check_register(*, name: str, check: Check) -> None:
    _checks[name] = check


def readiness_report() -> tuple[bool, dict]:
    """(all ready, {name: {"status": ..., "latency_ms": ..., ...}}) over every check."""
    results = {name: _run(check) for name, check in _checks.items()}
    return all(result["status"] == "ok" for result in results.values()), results


def _run(check: Check) -> dict:
    started = time.perf_counter()
    try:
        figures, status = check(), "ok"
    except NotReady as reason:
        figures, status = {"detail": str(reason)}, "degraded"
    except Exception as error:
        figures, status = {"detail": type(error).__name__}, "failing"
    latency = round((time.perf_counter() - started) * 1000, 1)
    return {"status": status, "latency_ms": latency, **figures}


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def _cache() -> dict:
    """Asks the cache itself, past the circuit breaker (alongside/core/cache.py)."""
    breaker = getattr(cache, "breaker", None)
    if breaker is not None:
        cache.client.get_client(write=True).ping()
        return {"circuit": "open" if breaker.is_recovering() else "closed"}
    cache.set("readyz", 1, 5)
    return {}


def _task_queue() -> dict:
    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    figures = {"waiting": ready.count(), "oldest_waiting_seconds": round(age)}
    if age > settings.READYZ_TASK_BACKLOG_SECONDS:
        raise NotReady(f"{figures['waiting']} tasks waiting, the oldest for {round(age)} s")
    return figures


readiness_check_register(name="database", check=_database)
readiness_check_register(name="cache", check=_cache)
readiness_check_register(name="task_queue", check=_task_queue)
