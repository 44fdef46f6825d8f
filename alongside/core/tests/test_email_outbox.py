"""Every email goes through the outbox: sent once per key, retried when the server says later,
kept as failed when it says never, and never sent inside a request (a real SMTP server in the
test process answers 250, 451 or 550, or is stopped)."""

import itertools
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.core import mail as django_mail
from django.core.mail import EmailMessage
from django.test import override_settings
from django.utils import timezone

from alongside.core.mail import (
    email_outbox_prune,
    email_outbox_sweep,
    email_queue,
    retry_delay,
)
from alongside.core.models import EmailStatus, OutboxEmail
from alongside.testing.factories import UserFactory
from alongside.testing.smtp import SmtpSink

pytestmark = pytest.mark.django_db


@pytest.fixture
def sink():
    with SmtpSink() as server, override_settings(**server.email_settings()):
        yield server


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """Queue an email the way a service does: delivery starts when the transaction commits."""

    def make(key="welcome:1", to="kim@example.org", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return email_queue(
                to=to,
                subject=fields.get("subject", "Welcome"),
                text=fields.get("text", "Hello Kim."),
                html=fields.get("html", "<p>Hello Kim.</p>"),
                headers=fields.get("headers"),
                dedupe_key=key,
            )

    return make


def _staff(email: str, *, superuser: bool):
    """A staff account with TOTP set up (the staff console refuses staff without it)."""
    user = UserFactory(email=email, is_staff=True, is_superuser=superuser)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def admin(community):
    return _staff("admin@example.org", superuser=True)


def _due_now() -> None:
    """The clock moves past every scheduled retry."""
    OutboxEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_it_sends_one_email_per_dedupe_key_with_its_stored_message_id(sink, queue):
    first = queue(headers={"List-Unsubscribe": "<https://example.org/u>"})
    again = queue()
    assert again.pk == first.pk
    email_outbox_sweep()
    assert len(sink.messages) == 1
    message = sink.messages[0]
    stored = OutboxEmail.objects.get()
    assert message["Message-ID"] == stored.message_id == first.message_id
    assert message["List-Unsubscribe"] == "<https://example.org/u>"
    assert message.is_multipart()
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    assert stored.status == EmailStatus.SENT and stored.sent_at is not None


def test_it_retries_a_temporary_refusal_later_with_the_same_message_id(sink, queue):
    sink.refuse_temporarily()
    email = queue()
    email.refresh_from_db()
    assert sink.refused and sink.messages == []
    assert email.status == EmailStatus.WAITING and email.attempts == 1
    assert "451" in email.last_error
    wait = email.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < wait <= retry_delay(1)
    assert email_outbox_sweep() == 0  # not due yet
    sink.accept()
    _due_now()
    assert email_outbox_sweep() == 1
    assert email_outbox_sweep() == 0
    assert [message["Message-ID"] for message in sink.messages] == [email.message_id]


def test_it_retries_when_the_mail_server_is_down(sink, queue):
    sink.stop()
    email = queue()
    email.refresh_from_db()
    assert email.status == EmailStatus.WAITING and email.attempts == 1
    sink.start()
    _due_now()
    email_outbox_sweep()
    assert len(sink.messages) == 1 and sink.messages[0]["Message-ID"] == email.message_id


def test_the_retry_policy_doubles_from_a_minute_and_keeps_trying_for_at_least_an_hour(settings):
    delays = [retry_delay(attempt) for attempt in range(1, 12)]
    assert delays[0] == timedelta(minutes=1) and delays[1] == timedelta(minutes=2)
    assert all(
        later in (earlier * 2, timedelta(hours=1)) for earlier, later in itertools.pairwise(delays)
    )
    assert max(delays) == timedelta(seconds=settings.EMAIL_RETRY_MAX_DELAY)
    assert timedelta(hours=settings.EMAIL_RETRY_HOURS) >= timedelta(hours=1)


def test_it_gives_up_on_a_temporary_refusal_only_after_the_retry_window(sink, queue, settings):
    sink.refuse_temporarily()
    email = queue()
    started = timezone.now() - timedelta(hours=settings.EMAIL_RETRY_HOURS) + timedelta(minutes=5)
    OutboxEmail.objects.update(created_at=started)
    _due_now()
    email_outbox_sweep()
    email.refresh_from_db()
    assert email.status == EmailStatus.WAITING and email.attempts == 2
    OutboxEmail.objects.update(created_at=started - timedelta(minutes=10))
    _due_now()
    email_outbox_sweep()
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and email.attempts == 3


def test_a_permanent_refusal_is_kept_as_failed_and_shown_to_staff(sink, queue, client_for, admin):
    sink.refuse_permanently()
    email = queue(to="nobody@example.org", subject="Your confirmation")
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and "550" in email.last_error
    _due_now()
    assert email_outbox_sweep() == 0 and sink.messages == []

    page = client_for(admin).get("/admin/emails/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "nobody@example.org" in text and "Your confirmation" in text and "550" in text
    metrics = client_for(admin).get("/metrics").content.decode()
    assert 'alongside_emails{status="failed"} 1.0' in metrics
    assert 'alongside_emails{status="waiting"} 0.0' in metrics


def test_staff_can_send_a_failed_email_again(sink, queue, client_for, admin):
    sink.refuse_permanently()
    email = queue()
    sink.accept()
    response = client_for(admin).post(f"/admin/emails/{email.pk}/retry/")
    assert response.status_code == 302
    email_outbox_sweep()
    assert len(sink.messages) == 1 and sink.messages[0]["Message-ID"] == email.message_id


def test_members_and_staff_without_the_permission_cannot_see_the_email_report(
    queue, client_for, make_member
):
    queue()
    assert client_for().get("/admin/emails/").status_code == 302  # to the log-in page
    assert client_for(make_member()).get("/admin/emails/").status_code == 403  # staff only
    editor = _staff("editor@example.org", superuser=False)
    response = client_for(editor).get("/admin/emails/")
    assert response.status_code in (302, 403)
    assert "kim@example.org" not in response.content.decode()
    assert client_for(editor).post("/admin/emails/1/retry/").status_code in (302, 403)


def test_sent_emails_are_forgotten_after_the_keeping_period(sink, queue, settings):
    queue()
    OutboxEmail.objects.update(
        sent_at=timezone.now() - timedelta(days=settings.EMAIL_KEEP_SENT_DAYS + 1)
    )
    queue(key="welcome:2")
    assert email_outbox_prune() == 1
    assert list(OutboxEmail.objects.values_list("dedupe_key", flat=True)) == ["welcome:2"]


def test_nothing_is_sent_before_the_transaction_commits(queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_queue(to="kim@example.org", subject="Hi", text="Hi", dedupe_key="k")
    assert django_mail.outbox == [] and len(callbacks) == 1


def test_mail_sent_through_djangos_api_goes_through_the_outbox_too(
    sink, django_capture_on_commit_callbacks
):
    message = EmailMessage(
        subject="Page submitted for review", body="Please review.", to=["r@example.org"]
    )
    message.bcc = ["quiet@example.org"]
    with (
        override_settings(EMAIL_BACKEND="alongside.core.mail.OutboxBackend"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message.send()
        message.send()
    assert OutboxEmail.objects.count() == 2
    assert sorted(email["To"] for email in sink.messages) == ["quiet@example.org", "r@example.org"]
    assert all("quiet" not in email.as_string() for email in sink.to("r@example.org"))
