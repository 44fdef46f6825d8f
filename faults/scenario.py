"""One run: start the stack, put it under load, stop each service for a while, start it again.

Each fault is a `Fault`: how to stop the service and start it again. The run records every
response (faults.load) and, per fault, when it was stopped, when it was back and how long the
site took to recover: the first acknowledged write and the first all-ready /readyz after the
service came back.
"""

import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from faults.load import Load, Member, Outcome
from faults.stack import PASSWORD, Stack

WARM_UP_SECONDS = 8
OUTAGE_SECONDS = 15
STEADY_SECONDS = 10
RECOVERY_LIMIT_SECONDS = 60
DRAIN_LIMIT_SECONDS = 90
_WAITING = (
    "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
)
_LEFT = (
    "SELECT status || ' ' || task_path || ' run_after=' || coalesce(run_after::text, '-') "
    "|| ' started=' || coalesce(started_at::text, '-') || ' workers=' || worker_ids::text "
    "FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING') LIMIT 20"
)
_MAIL_WAITING = "SELECT count(*) FROM core_outboxemail WHERE status <> 'sent'"
_MAIL_SENT = "SELECT message_id FROM core_outboxemail WHERE status = 'sent'"
_MARKERS = (
    "SELECT substring(body from 'fault-[0-9a-f]{{16}}') FROM {table} WHERE body LIKE 'fault-%'"
)


@dataclass
class Fault:
    name: str
    stop: Callable[[], None]
    start: Callable[[], None]


@dataclass
class FaultRecord:
    name: str
    stopped_at: float
    back_at: float
    down_for: float
    write_recovery: float | None = None
    ready_recovery: float | None = None
    mail_recovery: float | None = None  # the first email accepted after the service came back
    recovered_at: float = 0.0

    def window(self, outcomes: list[Outcome]) -> list[Outcome]:
        """What the site answered from the stop until it had recovered."""
        end = max(self.recovered_at, self.back_at)
        return [outcome for outcome in outcomes if self.stopped_at <= outcome.at <= end]


@dataclass
class Run:
    stack: Stack
    load: Load | None = None
    faults: list[FaultRecord] = field(default_factory=list)
    web_pid: int = 0
    queue_drained: bool = False
    queue_left: list[str] = field(default_factory=list)  # what was still waiting, if any
    worker_alive_after: bool = False
    web_alive_after: bool = False
    found_markers: set[str] = field(default_factory=set)
    mail_drained: bool = False
    mail_recorded_sent: list[str] = field(
        default_factory=list
    )  # Message-IDs the outbox marked sent

    def mail_received(self) -> list[tuple[float, str]]:
        """(when, Message-ID) of every email the mail server accepted."""
        sink = self.stack.smtp
        return list(zip(sink.received_at, [m["Message-ID"] for m in sink.messages], strict=True))

    @property
    def outcomes(self) -> list[Outcome]:
        return list(self.load.recorder.outcomes)

    def save(self, path) -> None:
        """Every response and each fault's times, for whoever investigates a failure."""
        faults = [dataclasses.asdict(fault) for fault in self.faults]
        outcomes = [dataclasses.asdict(outcome) for outcome in self.outcomes]
        path.write_text(json.dumps({"faults": faults, "outcomes": outcomes}, indent=1))


def faults_for(stack: Stack) -> list[Fault]:
    return [
        Fault("Redis", stop=stack.redis.stop, start=stack.redis.start),
        Fault("PostgreSQL", stop=stack.postgres.stop, start=stack.postgres.start),
        Fault(
            "Mail server refusing (451)",
            stop=stack.smtp.refuse_temporarily,
            start=stack.smtp.accept,
        ),
        Fault("Mail server", stop=stack.smtp.stop, start=stack.smtp.start),
    ]


def run(stack: Stack) -> Run:
    result = Run(stack=stack)
    stack.start()
    result.web_pid = stack.web.pid
    members = [
        Member(stack.base_url, email=email, password=PASSWORD, update=stack.fixtures["update"])
        for email in stack.fixtures["emails"]
    ]
    for member in members:
        member.log_in()
    result.load = Load(members, stack.base_url)
    result.load.start()
    try:
        time.sleep(WARM_UP_SECONDS)
        for fault in faults_for(stack):
            result.faults.append(_inject(fault, result.load, stack))
            time.sleep(STEADY_SECONDS)
    finally:
        result.load.stop()
    _finish(result)
    return result


def _inject(fault: Fault, load: Load, stack: Stack) -> FaultRecord:
    stopped_at = time.monotonic()
    fault.stop()
    down_from = time.monotonic()
    time.sleep(OUTAGE_SECONDS)
    down_for = time.monotonic() - down_from
    fault.start()
    record = FaultRecord(fault.name, stopped_at, back_at=time.monotonic(), down_for=down_for)
    deadline = record.back_at + RECOVERY_LIMIT_SECONDS
    while time.monotonic() < deadline and None in (record.write_recovery, record.ready_recovery):
        time.sleep(0.25)
        _measure_recovery(record, load.recorder.between(record.back_at, time.monotonic()))
    if fault.name.startswith("Mail"):
        _wait_for_mail(record, stack)
    record.recovered_at = record.back_at + max(
        record.write_recovery or RECOVERY_LIMIT_SECONDS, record.ready_recovery or 0
    )
    return record


def _wait_for_mail(record: FaultRecord, stack: Stack) -> None:
    """The first email accepted after the mail server came back (retries within seconds)."""
    deadline = record.back_at + RECOVERY_LIMIT_SECONDS
    while time.monotonic() < deadline:
        after = [at for at in list(stack.smtp.received_at) if at >= record.back_at]
        if after:
            record.mail_recovery = min(after) - record.back_at
            return
        time.sleep(0.25)


def _measure_recovery(record: FaultRecord, since_back: list[Outcome]) -> None:
    writes = [outcome for outcome in since_back if outcome.write and outcome.acknowledged]
    ready = [outcome for outcome in since_back if outcome.kind == "readyz" and outcome.acknowledged]
    if writes and record.write_recovery is None:
        record.write_recovery = min(outcome.at for outcome in writes) - record.back_at
    if ready and record.ready_recovery is None:
        record.ready_recovery = min(outcome.at for outcome in ready) - record.back_at


def _finish(result: Run) -> None:
    """Let the worker finish what was queued, then read back what was written."""
    stack = result.stack
    deadline = time.monotonic() + DRAIN_LIMIT_SECONDS
    while time.monotonic() < deadline and not result.queue_drained and stack.worker_alive():
        result.queue_drained = stack.sql(_WAITING) == ["0"]
        time.sleep(1)
    if not result.queue_drained:
        result.queue_left = stack.sql(_LEFT)
    deadline = time.monotonic() + DRAIN_LIMIT_SECONDS
    while time.monotonic() < deadline and not result.mail_drained and stack.worker_alive():
        result.mail_drained = stack.sql(_MAIL_WAITING) == ["0"]
        time.sleep(1)
    result.mail_recorded_sent = stack.sql(_MAIL_SENT)
    result.worker_alive_after = stack.worker_alive()
    result.web_alive_after = stack.web_alive() and stack.web.pid == result.web_pid
    for table in ("conversations_update", "conversations_comment"):
        result.found_markers.update(stack.sql(_MARKERS.format(table=table)))
