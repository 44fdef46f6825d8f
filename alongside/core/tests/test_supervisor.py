"""`make run`'s supervisor (scripts/supervise.py) restarts a program that dies, waiting longer
each time, and one Ctrl-C stops every program it started."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

SUPERVISE = str(Path(settings.BASE_DIR) / "scripts" / "supervise.py")


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _start(*programs: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own script
        [sys.executable, SUPERVISE, *programs],
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_it_restarts_a_program_that_dies_with_a_growing_wait(tmp_path):
    runs = tmp_path / "runs"
    crashing = (
        f"crash={sys.executable} -c \"open('{runs}', 'a').write('run\\n'); raise SystemExit(3)\""
    )
    supervisor = _start(crashing, log=tmp_path / "log")
    try:
        _wait_for(lambda: runs.exists() and runs.read_text().count("run") >= 3)
    finally:
        supervisor.send_signal(signal.SIGINT)
        assert supervisor.wait(timeout=30) == 0
    log = (tmp_path / "log").read_text()
    assert "crash exited with code 3; restarting in 1 s" in log
    assert "crash exited with code 3; restarting in 2 s" in log


def test_one_ctrl_c_stops_every_program(tmp_path):
    pids = tmp_path / "pids"
    sleeper = (
        f"{sys.executable} -c \"import os, time; open('{pids}', 'a').write(f'{{os.getpid()}}\\n');"
        ' time.sleep(600)"'
    )
    supervisor = _start(f"web={sleeper}", f"worker={sleeper}", log=tmp_path / "log")
    _wait_for(lambda: pids.exists() and len(pids.read_text().split()) == 2)
    started = [int(pid) for pid in pids.read_text().split()]
    assert all(_alive(pid) for pid in started)
    supervisor.send_signal(signal.SIGINT)
    assert supervisor.wait(timeout=30) == 0
    _wait_for(lambda: not any(_alive(pid) for pid in started), seconds=5)
    assert "SIGINT: stopping everything" in (tmp_path / "log").read_text()
