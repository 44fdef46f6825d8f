"""A throw-away PostgreSQL server for fault tests: start it, stop it mid-test, start it again.

    server = TemporaryPostgres()          # initdb into a temporary folder, a free port
    server.start(); server.create_database("alongside")
    url = server.url("alongside")         # DATABASE_URL for a subprocess
    server.stop()                         # the database goes away (fast shutdown)
    server.start()                        # and comes back on the same port, data kept
    server.destroy()

Never touches the shared server. `initdb` refuses to run as root, so as root the server runs
as the `postgres` user (runuser). Tests skip when `postgres_available()` is False.
"""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

from alongside.testing.smtp import free_port


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(versions[0]).parent if versions else None


def postgres_available() -> bool:
    folder = _bin_dir()
    if folder is None or not (folder / "initdb").exists():
        return False
    return os.geteuid() != 0 or shutil.which("runuser") is not None


class TemporaryPostgres:
    def __init__(self, port: int | None = None):
        self.bin = _bin_dir()
        self.port = port or free_port()
        self.root = Path(tempfile.mkdtemp(prefix="alongside-pg-"))
        self.data = self.root / "data"
        self._as_root = os.geteuid() == 0
        if self._as_root:
            shutil.chown(self.root, user="postgres")
        self._initialised = False

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)  # noqa: S603

    def start(self) -> "TemporaryPostgres":
        if not self._initialised:
            self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
            self._initialised = True
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(self.root / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; `immediate` is a crash (no clean shutdown)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop(mode="immediate")
        shutil.rmtree(self.root, ignore_errors=True)
