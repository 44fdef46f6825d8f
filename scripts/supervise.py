"""Run several programs together, restart any that dies, stop them all on one Ctrl-C.

    python scripts/supervise.py "web=python manage.py runserver" "worker=python manage.py worker"

`make run` uses it for the site and the task worker. A program that exits is started again
after 1 s, then 2, 4 ... up to 30 s while it keeps failing; once it has run for a minute the
wait starts again at 1 s. Ctrl-C (SIGINT) or SIGTERM asks every program to stop (SIGTERM to
its process group), waits up to 10 s, then kills what is left. Standard library only: in
production use systemd (docs/deploy/), which does the same with Restart=always.
"""

import argparse
import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time

FIRST_DELAY, MAX_DELAY, STABLE_AFTER, STOP_TIMEOUT = 1.0, 30.0, 60.0, 10.0


def log(message: str) -> None:
    print(f"[supervise] {message}", file=sys.stderr, flush=True)


class Program:
    def __init__(self, name: str, command: list[str]):
        self.name, self.command = name, command
        self.process: subprocess.Popen | None = None
        self.started = 0.0
        self.delay = FIRST_DELAY
        self.restart_at: float | None = None

    def start(self) -> None:
        # Its own process group: the terminal's Ctrl-C reaches the supervisor only, which
        # then stops every program in order.
        self.process = subprocess.Popen(self.command, start_new_session=True)  # noqa: S603
        self.started = time.monotonic()
        self.restart_at = None
        log(f"{self.name} started (pid {self.process.pid})")

    def check(self, now: float) -> None:
        """Schedule a restart of a program that exited; start it when its wait is over."""
        if self.restart_at is not None:
            if now >= self.restart_at:
                self.start()
            return
        code = self.process.poll() if self.process else None
        if code is None:
            return
        if now - self.started >= STABLE_AFTER:
            self.delay = FIRST_DELAY
        log(f"{self.name} exited with code {code}; restarting in {self.delay:.0f} s")
        self.restart_at = now + self.delay
        self.delay = min(self.delay * 2, MAX_DELAY)

    def terminate(self) -> None:
        if self.process and self.process.poll() is None:
            _signal_group(self.process, signal.SIGTERM)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            _signal_group(self.process, signal.SIGKILL)


def _signal_group(process: subprocess.Popen, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # exited in the meantime
        os.killpg(process.pid, number)


def parse(specs: list[str]) -> list[Program]:
    programs = []
    for spec in specs:
        name, separator, command = spec.partition("=")
        if not separator or not name or not command.strip():
            raise SystemExit(f"expected name=command, got {spec!r}")
        programs.append(Program(name, shlex.split(command)))
    return programs


def supervise(programs: list[Program], poll: float = 0.2) -> int:
    stopping = False

    def stop(number, _frame) -> None:
        nonlocal stopping
        if not stopping:
            log(f"{signal.Signals(number).name}: stopping everything")
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for program in programs:
        program.start()
    while not stopping:
        now = time.monotonic()
        for program in programs:
            program.check(now)
        time.sleep(poll)
    _stop_all(programs)
    return 0


def _stop_all(programs: list[Program]) -> None:
    for program in programs:
        program.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline and any(
        program.process and program.process.poll() is None for program in programs
    ):
        time.sleep(0.1)
    for program in programs:
        program.kill()
        if program.process:
            program.process.wait()
    log("stopped")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("programs", nargs="+", metavar="name=command")
    return supervise(parse(parser.parse_args(argv).programs))


if __name__ == "__main__":
    sys.exit(main())
