"""Sign-up and password reset never wait for the mail server: with SMTP refusing they answer
normally, the account is whole, and the email goes out once the server takes it again."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from alongside.accounts.models import User
from alongside.core.mail import email_outbox_sweep
from alongside.core.models import EmailStatus, OutboxEmail
from alongside.testing.factories import PASSWORD
from alongside.testing.smtp import SmtpSink

pytestmark = pytest.mark.django_db


@pytest.fixture
def sink():
    with SmtpSink() as server, override_settings(**server.email_settings()):
        yield server


def _later() -> None:
    OutboxEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def _body(message) -> str:
    return next(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )


def test_sign_up_with_smtp_refusing_answers_normally_and_confirms_later(
    community, client_for, sink, django_capture_on_commit_callbacks
):
    sink.refuse_temporarily()
    client = client_for()
    password = "a long and unusual passphrase"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {"email": "kim@example.org", "password1": password, "password2": password},
        )
    assert response.status_code == 302
    user = User.objects.get(email="kim@example.org")
    assert user.profile is not None and user.memberships.get().community == community
    assert sink.messages == [] and sink.refused
    assert OutboxEmail.objects.get().status == EmailStatus.WAITING

    sink.accept()
    _later()
    assert email_outbox_sweep() == 1
    (message,) = sink.to("kim@example.org")
    link = re.search(r"http://localhost(/accounts/confirm-email/\S+)", _body(message)).group(1)
    client.post(link)
    assert user.emailaddress_set.get().verified


def test_password_reset_with_smtp_down_answers_normally_and_the_link_arrives_later(
    community, client_for, make_member, sink, django_capture_on_commit_callbacks
):
    member = make_member()
    sink.stop()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for().post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    sink.start()
    _later()
    email_outbox_sweep()
    (message,) = sink.to(member.email)
    assert "/accounts/password/reset/key/" in _body(message)


def test_an_email_change_confirmation_goes_through_the_outbox(
    community, client_for, make_member, sink, django_capture_on_commit_callbacks
):
    member = make_member()
    client = client_for(member)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/email/", {"action_add": "", "email": "new@example.org"})
    assert OutboxEmail.objects.filter(to=["new@example.org"]).exists()
    assert len(sink.to("new@example.org")) == 1
