"""A steady load through the real HTTP stack: signed-in members writing, visitors reading.

Members log in through the log-in form and write with their CSRF token, as a browser would
(web forms) and as an API client would (JSON with X-CSRFToken). Every response is recorded:
when it came, what it was, whether the site acknowledged a write, and whether an error was
the site's own page (HTML with data-error-page, JSON under /api/).
"""

import html
import itertools
import re
import threading
import time
import uuid
from dataclasses import dataclass, field

import requests

_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_TIMEOUT = 35  # longer than gunicorn's worker timeout: its answer, not ours, is recorded
WRITE_KINDS = ("web-update", "web-comment", "api-update", "api-comment")


@dataclass
class Outcome:
    at: float
    kind: str
    path: str
    status: int | None
    own: bool
    marker: str = ""
    acknowledged: bool = False
    signed_out: bool = False
    gave_back: bool = False
    cache_hit: bool = False
    error: str = ""

    @property
    def write(self) -> bool:
        return self.kind in WRITE_KINDS


@dataclass
class Recorder:
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)

    def between(self, start: float, end: float) -> list[Outcome]:
        with self.lock:
            return [outcome for outcome in self.outcomes if start <= outcome.at <= end]


class Browser:
    """HTTP behind the TLS proxy (X-Forwarded-Proto: https); cookies kept by hand, since the
    production cookies are Secure and this connection is plain HTTP on the loopback."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.origin = base_url.replace("http://", "https://")
        self.cookies: dict[str, str] = {}
        self.http = requests.Session()

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"X-Forwarded-Proto": "https", "Referer": f"{self.origin}{path}"}
        headers |= kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = self.http.request(
            method, self.base_url + path, headers=headers, allow_redirects=False,
            timeout=_TIMEOUT, **kwargs,
        )  # fmt: skip
        self.cookies |= {name: value for name, value in response.cookies.items() if value}
        self.http.cookies.clear()
        return response

    @property
    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")


class Member(Browser):
    def __init__(self, base_url: str, *, email: str, password: str, update: int) -> None:
        super().__init__(base_url)
        self.email, self.password, self.update = email, password, update

    def log_in(self) -> None:
        form = self.request("GET", "/accounts/login/")
        token = _CSRF_FIELD.search(form.text).group(1)
        data = {"csrfmiddlewaretoken": token, "login": self.email, "password": self.password}
        answer = self.request("POST", "/accounts/login/", data=data)
        if answer.status_code != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{self.email} could not log in: {answer.status_code}")

    def write(self, kind: str) -> Outcome:
        marker = f"fault-{uuid.uuid4().hex[:16]}"
        body = f'{marker} written under load: <b>steady</b> & "calm"'
        path, send = self._request_for(kind, body)
        started = time.monotonic()
        try:
            response = send()
        except requests.RequestException as error:
            return Outcome(started, kind, path, None, own=False, marker=marker, error=str(error))
        return _judged_write(started, kind, path, response, marker, body)

    def _request_for(self, kind: str, body: str):
        csrf = {"X-CSRFToken": self.csrf}
        if kind == "web-update":
            data = {"csrfmiddlewaretoken": self.csrf, "body": body, "audience": "members"}
            return "/feed/new/", lambda: self.request("POST", "/feed/new/", data=data)
        if kind == "web-comment":
            path = f"/updates/{self.update}/comments/"
            data = {"csrfmiddlewaretoken": self.csrf, "body": body}
            return path, lambda: self.request("POST", path, data=data)
        if kind == "api-update":
            path = "/api/v1/updates"
            return path, lambda: self.request("POST", path, json={"body": body}, headers=csrf)
        path = f"/api/v1/updates/{self.update}/comments"
        return path, lambda: self.request("POST", path, json={"body": body}, headers=csrf)


def _judged_write(started, kind, path, response, marker, body) -> Outcome:
    status = response.status_code
    location = response.headers.get("Location", "")
    outcome = Outcome(started, kind, path, status, own=is_own(path, response), marker=marker)
    outcome.signed_out = status == 401 or "/accounts/login/" in location
    outcome.acknowledged = (status == 302 and not outcome.signed_out) or status == 201
    if kind.startswith("web") and status >= 500:
        outcome.gave_back = html.escape(body) in response.text
    return outcome


def is_own(path: str, response: requests.Response) -> bool:
    """A success, or an error the site itself rendered (not gunicorn's or a bare one)."""
    if response.status_code < 500:
        return True
    if path.startswith(("/api/", "/readyz")):
        content_type = response.headers.get("Content-Type", "")
        text = response.text
        return content_type.startswith("application/json") and (
            '"detail"' in text or '"checks"' in text
        )
    return 'data-error-page="' in response.text


class Load:
    """Writers (one thread per group of members) and one anonymous reader, until stopped."""

    def __init__(self, members: list[Member], base_url: str, *, writers: int = 4) -> None:
        self.recorder = Recorder()
        self.members = members
        self.base_url = base_url
        self.writers = writers
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        groups = [self.members[index :: self.writers] for index in range(self.writers)]
        targets = [(self._write_loop, (group,)) for group in groups]
        targets += [(self._read_loop, ()), (self._probe_loop, ())]
        for target, args in targets:
            thread = threading.Thread(target=target, args=args, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=_TIMEOUT + 5)

    def _write_loop(self, group: list[Member]) -> None:
        turns = zip(itertools.cycle(group), itertools.cycle(WRITE_KINDS), strict=False)
        for member, kind in turns:
            if self._stopping.is_set():
                return
            self.recorder.add(member.write(kind))
            self._stopping.wait(0.3)

    def _read_loop(self) -> None:
        paths = itertools.cycle(["/", "/questions/", "/api/v1/questions"])
        while not self._stopping.is_set():
            self._get(Browser(self.base_url), next(paths), kind="read")
            self._stopping.wait(0.2)

    def _probe_loop(self) -> None:
        probe = Browser(self.base_url)
        while not self._stopping.is_set():
            self._get(probe, "/healthz", kind="healthz")
            self._get(probe, "/readyz", kind="readyz")
            self._stopping.wait(0.5)

    def _get(self, browser: Browser, path: str, *, kind: str) -> None:
        started = time.monotonic()
        try:
            response = browser.request("GET", path)
        except requests.RequestException as error:
            self.recorder.add(Outcome(started, kind, path, None, own=False, error=str(error)))
            return
        outcome = Outcome(started, kind, path, response.status_code, own=is_own(path, response))
        outcome.cache_hit = response.headers.get("X-Page-Cache") == "hit"
        if kind == "readyz":
            outcome.acknowledged = response.status_code == 200
        self.recorder.add(outcome)
