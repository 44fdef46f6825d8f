# ruff: noqa: S603 (our own commands with fixed arguments)
"""The production stack on this machine, with PostgreSQL, Redis and a mail server of its own.

PostgreSQL (initdb into a temporary folder, pg_ctl on a free port), a redis-server on a free
port and an SMTP server in this process (aiosmtpd, which can refuse or stop on demand), so
stopping them never touches the shared services; gunicorn with the repository's
gunicorn.conf.py (fewer workers: the machine is shared); the task worker; production settings
behind a TLS proxy (X-Forwarded-Proto).
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from alongside.testing.services import (
    TemporaryPostgres,
    TemporaryRedis,
    free_port,
    wait_for_port,
)
from alongside.testing.smtp import SmtpSink

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE = "alongside_faults"
WEB_WORKERS = 3
MEMBERS = 12
PASSWORD = "fault-suite-passphrase-4821"  # noqa: S105 (members of a throwaway database)


class Stack:
    def __init__(self) -> None:
        self.postgres = TemporaryPostgres()
        self.redis = TemporaryRedis()
        self.smtp = SmtpSink()
        self.port = free_port()
        self.logs = Path(tempfile.mkdtemp(prefix="alongside-faults-logs-"))
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.fixtures: dict = {}
        self.timings: dict[str, float] = {}
        self.env = self._environment()

    @property
    def base_url(self) -> str:
        return f"http://localhost:{self.port}"

    def _environment(self) -> dict:
        ignored = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_TESTING", "PYTEST_XDIST_WORKER"}
        return {
            **{name: value for name, value in os.environ.items() if name not in ignored},
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": self.postgres.url(DATABASE),
            "REDIS_URL": self.redis.url,
            "CACHE_PREFIX": "faults",
            "EMAIL_URL": self.smtp.url,
            # Retries after 2, 4, 8 s instead of 1, 2, 4 minutes: the same policy, compressed
            # so a refusal is retried within the run (the suite stays under ten minutes).
            "EMAIL_RETRY_FIRST_DELAY": "2",
            "EMAIL_RETRY_MAX_DELAY": "8",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }

    def start(self) -> None:
        self._step("initdb", self.postgres.init)
        self.postgres.start(durable=False)
        self.postgres.create_database(DATABASE)
        self.redis.start()
        self.smtp.start()
        with ThreadPoolExecutor(max_workers=2) as pool:
            static = pool.submit(
                self._step, "collectstatic", self.manage, "collectstatic", "--no-input", "-v0"
            )
            self._step("migrate", self.manage, "migrate", "--no-input", "-v0")
            static.result()
            web = pool.submit(self._step, "start gunicorn", self.start_web)
            seeded = self._step("seed", self.python, "-m", "faults.seed", str(MEMBERS), PASSWORD)
            web.result()
        self.fixtures = json.loads(seeded.strip().splitlines()[-1])
        # From here on every commit is flushed to disk: the writes under test are durable.
        # (gunicorn's connections break here and are made again, as after any restart.)
        self.postgres.stop(mode="fast")
        self.postgres.start(durable=True)
        self.start_worker()

    def _step(self, name: str, action, *args):
        started = time.monotonic()
        result = action(*args)
        self.timings[name] = round(time.monotonic() - started, 1)
        return result

    def start_web(self) -> None:
        command = [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--workers", str(WEB_WORKERS), "--timeout", "30"]
        self.web = self._spawn(command, "gunicorn.log")
        wait_for_port(self.port, seconds=60)
        _wait_for_answer(f"{self.base_url}/healthz")

    def start_worker(self) -> None:
        command = [str(BIN / "python"), "manage.py", "worker", "--interval", "0.5"]
        self.worker = self._spawn(command, "worker.log")

    def worker_alive(self) -> bool:
        return self.worker is not None and self.worker.poll() is None

    def web_alive(self) -> bool:
        return self.web is not None and self.web.poll() is None

    def manage(self, *args: str) -> str:
        return self.python("manage.py", *args)

    def python(self, *args: str) -> str:
        done = subprocess.run(
            [str(BIN / "python"), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def sql(self, query: str) -> list[str]:
        return [line for line in self.postgres.query(DATABASE, query).splitlines() if line]

    def stop(self) -> None:
        for process in (self.web, self.worker):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.redis.stop()
        self.smtp.stop()
        self.postgres.remove()

    def _spawn(self, command: list[str], log: str) -> subprocess.Popen:
        output = (self.logs / log).open("ab")
        return subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=output, stderr=output)

    def log_tail(self, log: str, lines: int = 40) -> str:
        path = self.logs / log
        return (
            "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
            if path.exists()
            else ""
        )


def _wait_for_answer(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds} s")
