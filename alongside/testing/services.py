# ruff: noqa: S603 (fixed commands on services these tests start themselves)
"""Real PostgreSQL and Redis servers that a test starts, stops and starts again.

The shared services on this machine are never touched: each server here runs on a free port
with its data in a temporary folder. `initdb` refuses to run as root, so as root the
PostgreSQL commands run as the `postgres` user.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"Nothing answered on port {port} within {seconds} s")


class TemporaryRedis:
    """A redis-server without persistence: a restart starts it empty, as a crash would."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--loglevel", "warning"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @contextmanager
    def frozen(self):
        """Connections are accepted by the kernel but never answered (a hung server);
        its data survives."""
        process = self.process
        if process is None:
            raise RuntimeError("start the server before freezing it")
        process.send_signal(signal.SIGSTOP)
        try:
            yield
        finally:
            process.send_signal(signal.SIGCONT)


class TemporaryPostgres:
    """initdb into a temporary folder, pg_ctl on a free port (trust, user postgres)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="alongside-pg-"))
        self.data = self.folder / "data"
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as_postgres:
            shutil.chown(self.folder, "postgres")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def init(self) -> None:
        self._run(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-N")

    def start(self, *, durable: bool = True) -> None:
        """`durable=False` (no fsync) only speeds up building a database nobody relies on."""
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        options += f" -c fsync={'on' if durable else 'off'}"
        log = self.folder / "server.log"
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", log, "-o", options, "-w", "start")

    def stop(self, mode: str = "immediate") -> None:
        """`immediate` is a crash: no shutdown checkpoint, recovery from the WAL at start."""
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def create_database(self, name: str) -> None:
        self._run(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", name)

    def query(self, database: str, sql: str) -> str:
        command = [PG_BIN / "psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres"]
        command += ["-d", database, "-tAc", sql]
        return self._run(*command)

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, *command) -> str:
        done = subprocess.run(
            [*self._as_postgres, *map(str, command)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stderr.strip()}")
        return done.stdout


@contextmanager
def database_unreachable() -> Iterator[None]:
    """This thread's default database becomes a PostgreSQL server that is not there (a
    refused connection, as when it is down), then the real one again. Caches keep working."""
    from django.db import connections
    from django.db.backends.postgresql.base import DatabaseWrapper

    real = connections["default"]
    gone = {**real.settings_dict, "ENGINE": "django.db.backends.postgresql", "NAME": "gone"}
    gone |= {"HOST": "127.0.0.1", "PORT": str(free_port()), "USER": "postgres", "PASSWORD": ""}
    gone["OPTIONS"] = {"connect_timeout": 2}
    unreachable = DatabaseWrapper(gone, alias="default")
    connections["default"] = unreachable
    try:
        yield
    finally:
        unreachable.close()
        connections["default"] = real
