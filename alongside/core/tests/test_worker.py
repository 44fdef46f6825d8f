"""`manage.py worker` keeps going: a task left RUNNING by a dead worker runs again after the
lease, and a worker whose PostgreSQL goes away waits for it and carries on (a real server,
started and stopped by the test)."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alongside.core.mail import email_queue
from alongside.core.models import EmailStatus, OutboxEmail
from alongside.core.worker import Backoff, ResilientWorker, tasks_requeue_stale
from alongside.testing.services import PG_BIN, TemporaryPostgres
from alongside.testing.smtp import SmtpSink

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ROOT = Path(settings.BASE_DIR)
WORKER = [sys.executable, "manage.py", "worker"]


@pytest.fixture
def sink():
    with SmtpSink() as server, override_settings(**server.email_settings()):
        yield server


def _worker() -> ResilientWorker:
    return ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="live-worker",
        excluded_queue_names=[],
        housekeeping=0,
    )


def _left_running_by_a_dead_worker(
    *, minutes_ago: float, tries: int = 1, worker: str | None = None
) -> DBTaskResult:
    """A queued email whose delivery task a worker claimed and then died on (dead-worker-0,
    -1 ... for each try, unless `worker` names the one that claimed it)."""
    with override_settings(TASKS=DATABASE_QUEUE):
        # Outside a transaction, the delivery task is enqueued at once.
        email_queue(to="kim@example.org", subject="Hi", text="Hi", dedupe_key="k")
    row = DBTaskResult.objects.get()
    for n in range(tries):
        row.claim(worker or f"dead-worker-{n}")
    started = timezone.now() - timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=started)
    return row


def _after_a_round(row: DBTaskResult) -> DBTaskResult:
    """The row after `live-worker` has run whatever it found to run."""
    with override_settings(TASKS=DATABASE_QUEUE):
        _worker().run()
    row.refresh_from_db()
    return row


@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_by_a_dead_worker_runs_again_after_the_lease(sink, settings):
    lease = settings.TASK_LEASE_SECONDS / 60
    row = _after_a_round(_left_running_by_a_dead_worker(minutes_ago=lease + 1))
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["dead-worker-0", "live-worker"]
    assert len(sink.messages) == 1
    assert OutboxEmail.objects.get().status == EmailStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_a_task_an_outage_left_running_under_this_worker_runs_again_without_waiting(sink):
    # The claim's commit landed but its answer was lost with the connection: the row names
    # this worker, which is not running it. The next round puts it back, lease or not.
    row = _after_a_round(_left_running_by_a_dead_worker(minutes_ago=0, worker="live-worker"))
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["live-worker", "live-worker"]
    assert len(sink.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_another_workers_running_task_within_its_lease_is_not_taken_over(sink):
    row = _after_a_round(_left_running_by_a_dead_worker(minutes_ago=1, worker="busy-worker"))
    assert row.status == TaskResultStatus.RUNNING and row.worker_ids == ["busy-worker"]


@pytest.mark.django_db(transaction=True)
def test_a_running_task_within_its_lease_is_left_alone(settings):
    row = _left_running_by_a_dead_worker(minutes_ago=settings.TASK_LEASE_SECONDS / 60 - 1)
    assert tasks_requeue_stale() == (0, 0)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


@pytest.mark.django_db(transaction=True)
def test_a_task_that_outlived_every_try_is_failed_instead_of_run_forever(settings):
    row = _left_running_by_a_dead_worker(
        minutes_ago=settings.TASK_LEASE_SECONDS / 60 + 1, tries=settings.TASK_MAX_ATTEMPTS
    )
    assert tasks_requeue_stale() == (0, 1)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED and row.finished_at is not None


def test_the_reconnect_backoff_doubles_to_a_ceiling_and_starts_again_after_a_success():
    backoff = Backoff(first=1, ceiling=8)
    assert [backoff.next() for _ in range(6)] == [1, 2, 4, 8, 8, 8]
    backoff.reset()
    assert backoff.next() == 1


# A worker against a PostgreSQL server that goes away ----------------------------------------


def _environment(database_url: str, sink: SmtpSink) -> dict:
    keep = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO", "REDIS", "DATABASE", "EMAIL", "CACHE"))
    }
    return {
        **keep,
        "DATABASE_URL": database_url,
        "EMAIL_URL": sink.url,
        "DB_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "INFO",
    }


def _manage(environment: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        env=environment,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )


def _queue_email(environment: dict, key: str) -> None:
    code = (
        "from alongside.core.mail import email_queue; "
        f"email_queue(to='{key}@example.org', subject='{key}', text='{key}', dedupe_key='{key}')"
    )
    _manage(environment, "shell", "-c", code)


def _wait_for(condition, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.mark.skipif(
    not (PG_BIN / "initdb").exists(), reason="PostgreSQL server binaries not installed"
)
def test_a_worker_keeps_running_when_its_database_goes_away_and_comes_back(tmp_path):
    server = TemporaryPostgres()
    server.init()
    server.start(durable=False)
    log = tmp_path / "worker.log"
    try:
        server.create_database("alongside")
        with SmtpSink() as sink, log.open("w") as output:
            environment = _environment(server.url("alongside"), sink)
            _manage(environment, "migrate", "core", "-v0")
            _manage(environment, "migrate", "django_tasks_database", "-v0")
            worker = subprocess.Popen(  # noqa: S603 - our own manage.py
                [*WORKER, "--interval", "0.2", "--housekeeping", "1", "--no-startup-delay"],
                env=environment,
                cwd=ROOT,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
            _queue_email(environment, "before")
            _wait_for(lambda: len(sink.messages) == 1)

            server.stop(mode="fast")
            # Several reconnect attempts fail while the server is down.
            _wait_for(lambda: log.read_text().count("database unavailable") >= 3)
            assert worker.poll() is None

            server.start(durable=False)
            _wait_for(lambda: "database reachable again" in log.read_text())
            _queue_email(environment, "after")
            _wait_for(lambda: len(sink.messages) == 2)
            assert worker.poll() is None
            assert [message["Subject"] for message in sink.messages] == ["before", "after"]
            worker.terminate()
            assert worker.wait(timeout=30) == 0
    finally:
        server.remove()
