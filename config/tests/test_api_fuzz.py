"""Property-based fuzz of the whole JSON API from its OpenAPI schema (Schemathesis), signed in
as the demo community's member with a session and a CSRF token. No request may get a 5xx, and
every response must match the schema (status code, content type, body).

Marked `fuzz`: `.ci/run` runs it once, `make test-fast` skips it. Bounded by FUZZ_EXAMPLES per
operation (a few minutes on two cores); FUZZ_SEED makes a run repeatable."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.middleware.csrf import _get_new_csrf_string

from alongside.accounts.models import User
from config.api import api

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db(transaction=True)]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
SEED = os.environ.get("FUZZ_SEED", "216")
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,"
CHECKS += "response_schema_conformance"
MEMBER = "member@demo.alongside.localhost"
SUMMARY = Path(__file__).resolve().parents[2] / ".cache" / "fuzz-summary.txt"


def _signed_in_headers() -> list[str]:
    """A real session for the demo member, and a CSRF token in cookie and header."""
    user = User.objects.get(email=MEMBER)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    token = _get_new_csrf_string()
    return [
        "--header",
        f"Cookie: sessionid={session.session_key}; csrftoken={token}",
        "--header",
        f"X-CSRFToken: {token}",
    ]


def _schemathesis() -> str:
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("Schemathesis is missing: pip install -e '.[dev]'")
    return found


@pytest.mark.timeout(900)  # the slow suite that runs once: thousands of requests
def test_the_api_holds_its_schema_under_fuzzing(live_server, tmp_path, settings):
    call_command("load_demo", members=40, ra_members=10, quiet=True)
    settings.ALLOWED_HOSTS = ["*"]
    base = live_server.url.replace("127.0.0.1", "localhost")
    command = [
        _schemathesis(),
        "run",
        f"{base}/api/v1/openapi.json",
        *_signed_in_headers(),
        "--checks",
        CHECKS,
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        SEED,
        "--workers",
        "1",
        "--no-color",
        "--request-timeout",
        "30",
    ]
    # Failures are reported by Schemathesis itself, with a curl line to reproduce each.
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, cwd=tmp_path, timeout=900, check=False
    )
    print(result.stdout[-6000:])
    # .ci/run prints this after the PostgreSQL pass (xdist keeps a passing test's output).
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text(result.stdout[-6000:])
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-2000:]
    operations = sum(len(methods) for methods in api.get_openapi_schema()["paths"].values())
    assert f"Tested: {operations}" in result.stdout  # every operation, none skipped
