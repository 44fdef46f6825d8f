"""Notification emails are claimed and queued together: a refusal from the mail server is
retried instead of lost, and a task that runs twice sends one email."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from alongside.core.mail import email_outbox_sweep
from alongside.core.models import EmailStatus, OutboxEmail
from alongside.notifications.models import Notification
from alongside.notifications.services import notification_create
from alongside.notifications.tasks import notification_email_send
from alongside.testing.smtp import SmtpSink

pytestmark = pytest.mark.django_db


def test_a_notification_email_refused_for_a_while_is_sent_once_later(
    community, make_member, django_capture_on_commit_callbacks
):
    member = make_member()
    with SmtpSink() as sink, override_settings(**sink.email_settings()):
        sink.refuse_temporarily(count=1)
        with django_capture_on_commit_callbacks(execute=True):
            notification = notification_create(
                recipient=member,
                community=community,
                kind="message",
                text="Sam sent you a message.",
                dedupe_key="m1",
                url="/messages/1/",
            )
        with django_capture_on_commit_callbacks(execute=True):
            notification_email_send.call(notification.pk)
        assert sink.messages == [] and len(sink.refused) == 1
        assert OutboxEmail.objects.get().status == EmailStatus.WAITING
        assert Notification.objects.get().emailed_at is not None

        OutboxEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        email_outbox_sweep()
        email_outbox_sweep()
    (message,) = sink.messages
    assert message["To"] == member.email and "Sam sent you a message." in message.as_string()


class Killed(BaseException):
    """The worker process stops here: nothing after this line runs."""


def test_a_notification_digest_killed_halfway_resumes_without_duplicates(
    community, make_member, monkeypatch, django_capture_on_commit_callbacks
):
    from alongside.notifications import tasks
    from alongside.notifications.services import preference_set

    members = [make_member() for _ in range(3)]
    for n, member in enumerate(members):
        preference_set(user=member, kind="message", frequency="daily")
        notification_create(
            recipient=member,
            community=community,
            kind="message",
            text="A message.",
            dedupe_key=f"d{n}",
            url="/messages/1/",
        )
    built, calls = tasks.notification_email, []

    def dies_at_the_second_member(**kwargs):
        calls.append(kwargs["recipient"].email)
        if len(calls) == 2:
            raise Killed
        return built(**kwargs)

    with SmtpSink() as sink, override_settings(**sink.email_settings()):
        monkeypatch.setattr(tasks, "notification_email", dies_at_the_second_member)
        with pytest.raises(Killed), django_capture_on_commit_callbacks(execute=True):
            tasks.notification_digest_send.call()
        assert Notification.objects.exclude(emailed_at=None).count() == 1
        monkeypatch.setattr(tasks, "notification_email", built)
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.notification_digest_send.call() == 2
            assert tasks.notification_digest_send.call() == 0
    assert sorted(message["To"] for message in sink.messages) == sorted(m.email for m in members)
