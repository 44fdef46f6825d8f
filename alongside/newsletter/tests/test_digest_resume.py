"""A digest run killed halfway leaves nobody claimed without an email, and the run that
follows sends the rest: every subscriber gets the digest exactly once."""

import io

import pytest
from django.test import override_settings
from django.utils import timezone

from alongside.articles.models import ArticlePage
from alongside.articles.tests.conftest import CONTENT
from alongside.core.mail import email_outbox_sweep
from alongside.core.models import OutboxEmail
from alongside.demo.articles import demo_articles_step
from alongside.newsletter import tasks
from alongside.newsletter.models import DigestDelivery, Subscriber
from alongside.newsletter.selectors import digest_key_for
from alongside.testing.smtp import SmtpSink

pytestmark = pytest.mark.django_db


class Killed(BaseException):
    """The worker process stops here: nothing after this line runs."""


def test_a_digest_killed_halfway_resumes_without_duplicates(
    communities, community, monkeypatch, django_capture_on_commit_callbacks
):
    demo_articles_step(communities=communities, stdout=io.StringIO(), content=CONTENT)
    ArticlePage.objects.update(first_published_at=timezone.now())
    emails = [f"reader{n}@example.org" for n in range(3)]
    for email in emails:
        Subscriber.objects.create(community=community, email=email, confirmed_at=timezone.now())
    key = digest_key_for(community=community)
    built = tasks._message
    calls = []

    def dies_at_the_second_subscriber(*args, **kwargs):
        calls.append(args[0].email)
        if len(calls) == 2:
            raise Killed
        return built(*args, **kwargs)

    with SmtpSink() as sink, override_settings(**sink.email_settings()):
        monkeypatch.setattr(tasks, "_message", dies_at_the_second_subscriber)
        with pytest.raises(Killed), django_capture_on_commit_callbacks(execute=True):
            tasks.digest_send.call(community.pk, key)
        assert DigestDelivery.objects.count() == OutboxEmail.objects.count() == 1

        monkeypatch.setattr(tasks, "_message", built)
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.digest_send.call(community.pk, key) == 2
            assert tasks.digest_send.call(community.pk, key) == 0
        email_outbox_sweep()
        assert sorted(message["To"] for message in sink.messages) == emails
