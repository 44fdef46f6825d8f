"""A real SMTP server in the test process (aiosmtpd) that can refuse on demand.

    with SmtpSink() as sink, override_settings(**sink.email_settings()):
        sink.refuse_temporarily()       # 451 to every message until sink.accept()
        sink.refuse_permanently()       # 550
        sink.refuse_temporarily(count=3)  # 451 three times, then accept
        sink.stop() / sink.start()      # connection refused while stopped
        sink.messages                   # every accepted message (email.message.Message)
        sink.received_at                # when each was accepted (time.monotonic(), same order)

For the fault suite and any test that needs a mail server that refuses (alongside/testing/
services.py has the PostgreSQL and Redis servers).
"""

import threading
import time
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller

from alongside.testing.services import free_port

TEMPORARY = "451 4.3.0 Try again later"
PERMANENT = "550 5.1.1 Mailbox unavailable"


class _Handler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope) -> str:
        return self.sink._answer(envelope.content)


class SmtpSink:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.host = "127.0.0.1"
        self.messages: list[Message] = []
        self.received_at: list[float] = []
        self.refused: list[str] = []
        self._lock = threading.Lock()
        self._answer_with: str | None = None
        self._left: int | None = None
        self._controller: Controller | None = None

    # Server life -------------------------------------------------------------------------
    def start(self) -> "SmtpSink":
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def email_settings(self) -> dict:
        """Settings that send Django's email here (for override_settings or a subprocess)."""
        return {
            "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": self.host,
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }

    @property
    def url(self) -> str:
        """EMAIL_URL for a subprocess."""
        return f"smtp://{self.host}:{self.port}"

    # Behaviour ---------------------------------------------------------------------------
    def accept(self) -> None:
        with self._lock:
            self._answer_with, self._left = None, None

    def refuse_temporarily(self, count: int | None = None) -> None:
        with self._lock:
            self._answer_with, self._left = TEMPORARY, count

    def refuse_permanently(self) -> None:
        with self._lock:
            self._answer_with, self._left = PERMANENT, None

    def to(self, address: str) -> list[Message]:
        return [message for message in self.messages if address in message.get("To", "")]

    def _answer(self, content: bytes) -> str:
        with self._lock:
            answer = self._answer_with
            if answer is not None and self._left is not None:
                self._left -= 1
                if self._left <= 0:
                    self._answer_with, self._left = None, None
            if answer is not None:
                self.refused.append(answer)
                return answer
            self.messages.append(message_from_bytes(content))
            self.received_at.append(time.monotonic())
        return "250 2.0.0 Accepted"
