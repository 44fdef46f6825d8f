"""/metrics: Prometheus text for operators, a plain 404 for everyone else."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alongside.conversations.models import Update
from alongside.core.models import Visibility
from alongside.moderation.models import Reason, Report
from alongside.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

OUTSIDE = "203.0.113.7"  # not in METRICS_ALLOWED_IPS (development lets loopback in)
TOKEN = "scraper-token-0123456789abcdef"


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def _scrape(client, **extra):
    return client.get("/metrics", REMOTE_ADDR=OUTSIDE, **extra)


def _task(status: str, **fields) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={},
        task_path="alongside.core.tasks.example",
        backend_name="default",
        run_after=timezone.now(),
        **fields,
    )


def test_an_anonymous_visitor_finds_nothing_there(community, client_for):
    response = _scrape(client_for())
    assert response.status_code == 404
    assert b"alongside_http_requests" not in response.content


def test_a_member_finds_nothing_there(community, make_member, client_for):
    response = _scrape(client_for(make_member()))
    assert response.status_code == 404


def test_staff_read_request_counts_and_the_queue_gauges(community, make_member, client_for):
    author = make_member()
    held = Update.objects.create(
        community=community, author=author, body="Held", visibility=Visibility.PENDING
    )
    Report.objects.create(
        community=community,
        reporter=make_member(),
        target_type=ContentType.objects.get_for_model(Update),
        target_id=held.pk,
        reason=Reason.SPAM,
    )
    _task(TaskResultStatus.READY)
    _task(TaskResultStatus.FAILED, finished_at=timezone.now() - timedelta(hours=2))
    _task(TaskResultStatus.FAILED, finished_at=timezone.now() - timedelta(days=3))
    client = client_for(UserFactory(is_staff=True))
    client.get("/healthz")

    response = _scrape(client)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert 'alongside_http_requests_total{method="GET",route="healthz",status="2xx"}' in text
    assert 'alongside_http_request_duration_seconds_bucket{le="0.005",route="healthz"}' in text
    assert 'alongside_tasks_waiting{queue="default"} 1.0' in text
    assert "alongside_tasks_failed_last_24h 1.0" in text
    assert f'alongside_moderation_queue_items{{community="{community.slug}"}} 2.0' in text
    members = f'alongside_community_members{{community="{community.slug}"}} 2.0'
    assert members in text


def test_the_scraper_gets_in_with_the_token(community, client_for, token):
    response = _scrape(client_for(), HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert "alongside_community_members" in response.content.decode()


@pytest.mark.parametrize("header", ["Bearer wrong-token", f"Basic {TOKEN}", "Bearer ", ""])
def test_a_wrong_token_finds_nothing_there(community, client_for, token, header):
    response = _scrape(client_for(), HTTP_AUTHORIZATION=header)
    assert response.status_code == 404


def test_no_token_is_accepted_when_none_is_set(community, client_for, settings):
    settings.METRICS_TOKEN = ""
    response = _scrape(client_for(), HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 404


def test_an_allowed_address_gets_in(community, client_for, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.5"]
    assert client_for().get("/metrics", REMOTE_ADDR="10.0.0.5").status_code == 200
    assert _scrape(client_for()).status_code == 404


def test_requests_are_labelled_by_route_name_never_by_path(
    community, make_member, client_for, token
):
    member = make_member()
    assert client_for(member).get(f"/members/{member.public_id}/").status_code == 200

    text = _scrape(client_for(), HTTP_AUTHORIZATION=f"Bearer {token}").content.decode()

    assert 'alongside_http_requests_total{method="GET",route="profile",status="2xx"}' in text
    assert str(member.public_id) not in text
