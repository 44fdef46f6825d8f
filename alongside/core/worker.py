"""A task worker that outlives its database: `manage.py worker` (django-tasks-db's loop, kept up).

django-tasks-db's `db_worker` exits on the first OperationalError. This worker logs it, closes
the broken connections and tries again with backoff (1 s doubling to 60 s) for as long as it
takes. Every HOUSEKEEPING seconds it also puts back RUNNING tasks whose worker died (started
longer than TASK_LEASE_SECONDS ago) and sends emails that are due (alongside/core/mail.py), so
neither a killed worker nor a lost task leaves work behind.

A worker runs one task at a time, so between tasks any RUNNING row that names it last is one
whose end it could not record: the database went away while it ran, or while the claim was
committing (the commit may land with its answer lost). Housekeeping puts those back at once,
and runs straight after every outage, instead of leaving them to the lease.
"""

import logging
import time
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from alongside.core.mail import email_outbox_prune, email_outbox_sweep

logger = logging.getLogger("alongside.worker")

HOUSEKEEPING_SECONDS = 30.0
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 60.0
# The database (or the network to it) went away; anything else a task raises is its own failure.
CONNECTION_ERRORS = (OperationalError, InterfaceError)


def tasks_requeue_stale(*, now=None) -> tuple[int, int]:
    """Put RUNNING tasks older than the lease back in the queue; fail those tried too often.

    Returns (requeued, failed). Conditional updates, so two workers sweeping agree.
    """
    now = now or timezone.now()
    stale = _running().filter(started_at__lt=now - timedelta(seconds=settings.TASK_LEASE_SECONDS))
    requeued, failed = _requeue_each(stale, now=now)
    if requeued or failed:
        logger.warning("Tasks whose worker died: %s queued again, %s failed", requeued, failed)
    return requeued, failed


def tasks_requeue_own(*, worker_id: str) -> tuple[int, int]:
    """Put back the RUNNING tasks this worker claimed last and is not running (call between
    tasks). Returns (requeued, failed)."""
    own = [row for row in _running() if row.worker_ids and row.worker_ids[-1] == worker_id]
    requeued, failed = _requeue_each(own)
    if requeued or failed:
        logger.warning(
            "Worker %s: tasks left running by an outage: %s queued again, %s failed",
            worker_id,
            requeued,
            failed,
        )
    return requeued, failed


def _running():
    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("pk", "worker_ids")


def _requeue_each(rows: Iterable[DBTaskResult], *, now=None) -> tuple[int, int]:
    queued = [task_requeue(row=row, now=now) for row in rows]
    return sum(queued), len(queued) - sum(queued)


def task_requeue(*, row: DBTaskResult, now=None) -> bool:
    """Queue a RUNNING task again, or fail it after TASK_MAX_ATTEMPTS tries; True if queued."""
    same = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING)
    if len(row.worker_ids) < settings.TASK_MAX_ATTEMPTS:
        return bool(same.update(status=TaskResultStatus.READY))
    same.update(
        status=TaskResultStatus.FAILED,
        finished_at=now or timezone.now(),
        exception_class_path="alongside.core.worker.LeaseExpired",
        traceback=f"No worker finished it in {len(row.worker_ids)} tries.",
    )
    return False


class Backoff:
    """1, 2, 4 ... seconds, at most `ceiling`; `reset()` after a success."""

    def __init__(self, first: float = BACKOFF_FIRST, ceiling: float = BACKOFF_MAX):
        self.first, self.ceiling, self.failures = first, ceiling, 0

    def next(self) -> float:
        self.failures += 1
        return min(self.first * 2 ** (self.failures - 1), self.ceiling)

    def reset(self) -> None:
        self.failures = 0


class ResilientWorker(Worker):
    """django-tasks-db's Worker with reconnection, lease recovery and the email sweep."""

    def __init__(self, *, housekeeping: float = HOUSEKEEPING_SECONDS, backoff=None, **options):
        super().__init__(**options)
        self.housekeeping = housekeeping
        self.backoff = backoff or Backoff()
        self._last_housekeeping = float("-inf")

    def run(self) -> None:
        logger.info("Worker %s started (queues %s)", self.worker_id, ",".join(self.queue_names))
        while self.running:
            try:
                ran = self._one_round()
            except DatabaseError as error:
                self._wait_for_database(error)
                continue
            if self.backoff.failures:
                logger.warning("Worker %s: database reachable again", self.worker_id)
                self.backoff.reset()
            if self._finished(ran):
                return
            if self.running and not ran:
                time.sleep(self.interval)

    def _one_round(self) -> bool | None:
        """Run one task if there is one: True; none waiting: False; database locked: None."""
        close_old_connections()
        self._housekeep()
        task_result, retrieved = self._claim()
        if task_result is None:
            return False if retrieved else None
        self.run_task(task_result)
        return True

    def _claim(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except DatabaseError as error:
            if is_locked_database_exception(error):
                return None, False
            raise
        return task_result, True

    def _housekeep(self) -> None:
        if time.monotonic() - self._last_housekeeping < self.housekeeping:
            return
        tasks_requeue_own(worker_id=self.worker_id)
        tasks_requeue_stale()
        email_outbox_sweep()
        email_outbox_prune()
        self._last_housekeeping = time.monotonic()

    def _wait_for_database(self, error: Exception) -> None:
        delay = self.backoff.next()
        logger.warning(
            "Worker %s: database unavailable (%s); trying again in %.0f s",
            self.worker_id,
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
            delay,
        )
        self.running_task = False
        self._last_housekeeping = float("-inf")  # once it is back: whatever the outage left RUNNING
        _close_all_connections()
        time.sleep(delay)

    def _finished(self, ran: bool | None) -> bool:
        if self.batch and ran is False:
            logger.info("No more tasks for worker %s; exiting", self.worker_id)
            return True
        return self.max_tasks is not None and self._run_tasks >= self.max_tasks

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """As the base class, except that losing the database is not the task's failure: the
        error goes up to the reconnect loop and the task runs again once the database is back."""
        self.running_task = True
        try:
            value = _call(db_task_result)
            db_task_result.set_successful(value)
        except CONNECTION_ERRORS:
            raise
        except BaseException as error:
            db_task_result.set_failed(error)
            logger.warning("Task %s failed: %s", db_task_result.pk, type(error).__name__)
        finally:
            self.running_task = False
            self._run_tasks += 1
        _signal_finished(db_task_result)


def _call(db_task_result: DBTaskResult):
    task = db_task_result.task
    task_result = db_task_result.task_result
    task_started.send(sender=type(task.get_backend()), task_result=task_result)
    if task.takes_context:
        context = TaskContext(task_result=task_result)
        return task.call(context, *task_result.args, **task_result.kwargs)
    return task.call(*task_result.args, **task_result.kwargs)


def _signal_finished(db_task_result: DBTaskResult) -> None:
    try:
        backend = type(db_task_result.task.get_backend())
    except (ImportError, SuspiciousOperation):
        return
    task_finished.send(sender=backend, task_result=db_task_result.task_result)


def _close_all_connections() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            # A connection to a server that is gone cannot close cleanly; forget it.
            connection.connection = None
