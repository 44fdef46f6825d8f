"""The fault suite runs the scenario once (faults.scenario) and each test reads its record.

`make test-faults` runs it (`pytest faults -m faults`); `make test` and `make test-fast` skip it.
Its figures are printed at the end of the run, for the closing note of a change.
"""

import pytest

from faults.report import figures
from faults.scenario import run
from faults.stack import Stack

_runs = []


@pytest.fixture(scope="session")
def outage_run():
    stack = Stack()
    try:
        record = run(stack)
        _runs.append(record)
        record.save(stack.logs / "outcomes.json")
        yield record
    finally:
        stack.stop()


def pytest_terminal_summary(terminalreporter):
    for record in _runs:
        terminalreporter.section("fault suite figures")
        terminalreporter.write_line(figures(record))
        terminalreporter.write_line(f"logs: {record.stack.logs}")
