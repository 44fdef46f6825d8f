"""/healthz answers without any dependency; /readyz reports each one with its latency."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alongside.inbox.tasks import notify_message
from alongside.testing.services import database_unreachable

pytestmark = pytest.mark.django_db


@pytest.fixture
def probe():
    # A load balancer asks by address, without a community's host name.
    return Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)


def test_healthz_answers_without_the_database_or_the_cache(probe, redis_down):
    with database_unreachable():
        response = probe.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_reports_each_dependency_with_its_latency(probe):
    response = probe.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert set(body["checks"]) >= {"database", "cache", "task_queue"}
    for check in body["checks"].values():
        assert check["status"] == "ok" and check["latency_ms"] >= 0
    assert body["checks"]["task_queue"]["waiting"] == 0


def test_readyz_reports_the_database_failing_when_it_is_down(probe):
    with database_unreachable():
        response = probe.get("/readyz")
    checks = response.json()["checks"]
    assert response.status_code == 503
    assert checks["database"]["status"] == "failing" and checks["cache"]["status"] == "ok"


def test_readyz_reports_the_cache_failing_when_redis_is_down(probe, redis_down):
    response = probe.get("/readyz")
    checks = response.json()["checks"]
    assert response.status_code == 503
    assert checks["cache"]["status"] == "failing" and checks["database"]["status"] == "ok"


def test_readyz_reports_the_cache_and_its_circuit_when_redis_is_up(probe, settings, redis_server):
    from alongside.testing.outages import resilient_cache

    settings.CACHES = resilient_cache(redis_server.url)
    cache_check = probe.get("/readyz").json()["checks"]["cache"]
    assert cache_check["status"] == "ok" and cache_check["circuit"] == "closed"


def test_readyz_reports_a_stalled_task_queue(probe, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    notify_message.enqueue(1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))
    response = probe.get("/readyz")
    queue = response.json()["checks"]["task_queue"]
    assert response.status_code == 503
    assert queue["status"] == "degraded" and "1 tasks waiting" in queue["detail"]
