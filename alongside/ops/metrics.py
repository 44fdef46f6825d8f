"""Prometheus metrics for operators, served at /metrics to staff and the scraper only.

Request counts and latency are kept per route name (never the raw path: no member ids in
labels). With PROMETHEUS_MULTIPROC_DIR set, each gunicorn worker writes its counters to files
there and a scrape adds them up (gunicorn.conf.py clears a dead worker's gauges); without it
they live in this process. Queue and community gauges are counted in the database at scrape
time, so they cost nothing per request.
"""

import hmac
import os
import time
from datetime import timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import choose_encoder

from alongside.communities.models import Community
from alongside.core import moderation
from alongside.core.models import EmailStatus, OutboxEmail, Visibility
from alongside.core.ratelimits import client_ip
from alongside.moderation.models import Report, ReportStatus

# prometheus_client reads this variable itself, before Django's settings exist.
MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))

REQUESTS = Counter(
    "alongside_http_requests",
    "HTTP requests answered, by method, route name and status class.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "alongside_http_request_duration_seconds",
    "Time spent answering a request inside Django, by route name.",
    ["route"],
)
# Anything else would let a client invent label values.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestMetricsMiddleware:
    """Counts every request and times it. Place first in MIDDLEWARE; no database queries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        match = getattr(request, "resolver_match", None)
        route = match.view_name if match is not None else "unmatched"
        method = request.method if request.method in _METHODS else "other"
        REQUESTS.labels(method, route, f"{response.status_code // 100}xx").inc()
        LATENCY.labels(route).observe(elapsed)
        return response


def metrics_access_allowed(*, request) -> bool:
    """Staff, a request bearing METRICS_TOKEN, or one from METRICS_ALLOWED_IPS."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    return _bears_the_token(request) or client_ip(request) in settings.METRICS_ALLOWED_IPS


def _bears_the_token(request) -> bool:
    expected = settings.METRICS_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


def metrics_exposition(*, accept: str | None) -> tuple[bytes, str]:
    """The scrape body in the format the scraper asked for, and its content type."""
    registry = CollectorRegistry()
    if MULTIPROCESS:
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    registry.register(DatabaseGauges())
    encoder, content_type = choose_encoder(accept or "")
    return encoder(registry), content_type


class DatabaseGauges:
    """Read at scrape time: a handful of COUNT queries, however large the data."""

    def collect(self):
        communities = list(Community.objects.values_list("pk", "slug", "member_count"))
        yield from _task_gauges()
        yield from _email_gauges()
        yield _moderation_gauge({pk: slug for pk, slug, _ in communities})
        yield _members_gauge(communities)


def _task_gauges():
    waiting = GaugeMetricFamily(
        "alongside_tasks_waiting", "Tasks waiting in the database queue.", labels=["queue"]
    )
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    for queue, count in ready.values_list("queue_name").annotate(n=Count("id")).order_by():
        waiting.add_metric([queue], count)
    yield waiting
    since = timezone.now() - timedelta(hours=24)
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED, finished_at__gte=since)
    yield GaugeMetricFamily(
        "alongside_tasks_failed_last_24h", "Tasks that failed in the last 24 hours.", failed.count()
    )


def _email_gauges():
    queued = GaugeMetricFamily(
        "alongside_emails", "Emails in the outbox waiting or failed for good.", labels=["status"]
    )
    counts = dict(
        OutboxEmail.objects.filter(status__in=[EmailStatus.WAITING, EmailStatus.FAILED])
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for status in (EmailStatus.WAITING, EmailStatus.FAILED):
        queued.add_metric([status.value], counts.get(status.value, 0))
    yield queued
    oldest = (
        OutboxEmail.objects.filter(status=EmailStatus.WAITING)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    yield GaugeMetricFamily(
        "alongside_email_oldest_waiting_seconds", "Age of the oldest email not yet sent.", age
    )


def _moderation_gauge(communities: dict[int, str]) -> GaugeMetricFamily:
    """Held posts plus open reports, per community (zero where the queue is empty)."""
    waiting = dict.fromkeys(communities, 0)
    for counts in _moderation_counts():
        for community_id, count in counts:
            waiting[community_id] = waiting.get(community_id, 0) + count
    gauge = GaugeMetricFamily(
        "alongside_moderation_queue_items",
        "Held posts and open reports waiting for a moderator.",
        labels=["community"],
    )
    for community_id, count in waiting.items():
        gauge.add_metric([communities.get(community_id, str(community_id))], count)
    return gauge


def _moderation_counts():
    querysets = [Report.objects.filter(status=ReportStatus.OPEN)]
    querysets += [
        item.model.objects.filter(visibility=Visibility.PENDING) for item in moderation.registered()
    ]
    for queryset in querysets:
        yield queryset.values_list("community_id").annotate(n=Count("pk")).order_by()


def _members_gauge(communities: list[tuple[int, str, int]]) -> GaugeMetricFamily:
    gauge = GaugeMetricFamily(
        "alongside_community_members", "Members of each community.", labels=["community"]
    )
    for _, slug, count in communities:
        gauge.add_metric([slug], count)
    return gauge
