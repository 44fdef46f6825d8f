import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from alongside.articles.tests.conftest import CONTENT
from alongside.demo.articles import demo_articles_step
from alongside.newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/api/v1/newsletter/subscribe"
SENT = "Check your inbox: if this address is not subscribed yet, we sent it a link"


def _subscribe(client, capture, **data):
    with capture(execute=True):
        return client.post(SUBSCRIBE, data, content_type="application/json")


@pytest.fixture
def library_topics(communities):
    demo_articles_step(communities=communities, stdout=io.StringIO(), content=CONTENT)


@pytest.mark.parametrize("who", ["anonymous", "other_community", "member"])
def test_anyone_may_sign_up_for_this_communitys_newsletter(
    who, client_for, community, other_community, make_member, django_capture_on_commit_callbacks
):
    users = {
        "anonymous": lambda: None,
        "other_community": lambda: make_member(other_community),
        "member": make_member,
    }
    client = client_for(users[who]())
    response = _subscribe(client, django_capture_on_commit_callbacks, email="reader@example.org")
    assert response.status_code == 202
    assert Subscriber.objects.get(email="reader@example.org").community == community


def test_a_sign_up_sends_the_confirmation_email_and_the_link_confirms(
    client, community, django_capture_on_commit_callbacks
):
    response = _subscribe(client, django_capture_on_commit_callbacks, email="Reader@Example.org")
    assert SENT in response.json()["detail"]
    subscriber = Subscriber.objects.get(community=community, email="reader@example.org")
    assert not subscriber.is_active
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["reader@example.org"]
    link = re.search(r"http://[^/\s]+(/newsletter/confirm/[^\s\"<]+)", mail.outbox[0].body)
    client.post(link.group(1))
    subscriber.refresh_from_db()
    assert subscriber.is_active


def test_a_sign_up_at_another_community_subscribes_there(
    client_for, community, other_community, django_capture_on_commit_callbacks
):
    ra = client_for(host="ra.localhost")
    _subscribe(ra, django_capture_on_commit_callbacks, email="reader@example.org")
    assert Subscriber.objects.get(email="reader@example.org").community == other_community


def test_a_repeated_sign_up_gets_the_same_answer_and_the_owner_is_told_by_email(
    client, community, django_capture_on_commit_callbacks
):
    first = _subscribe(client, django_capture_on_commit_callbacks, email="reader@example.org")
    Subscriber.objects.filter(email="reader@example.org").update(confirmed_at=timezone.now())
    again = _subscribe(client, django_capture_on_commit_callbacks, email="reader@example.org")
    assert again.status_code == first.status_code == 202
    assert again.json() == first.json()
    assert len(mail.outbox) == 2  # the confirmation link, then "you already get it"
    assert "already get" in mail.outbox[-1].subject
    assert Subscriber.objects.filter(email="reader@example.org").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "reader@"}, "Enter an email address such as name@example.org."),
        ({}, "This field is required."),
    ],
)
def test_a_bad_email_gets_a_clear_message(client, community, data, message):
    response = client.post(SUBSCRIBE, data, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == message
    assert not Subscriber.objects.exists()


def test_topics_are_kept_for_a_new_address(
    client, community, library_topics, django_capture_on_commit_callbacks
):
    _subscribe(
        client, django_capture_on_commit_callbacks, email="reader@example.org", topics=["pain"]
    )
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert [topic.slug for topic in subscriber.topics.all()] == ["pain"]


def test_an_unknown_topic_gets_a_clear_message(client, community, library_topics):
    response = client.post(
        SUBSCRIBE,
        {"email": "reader@example.org", "topics": ["pain", "horoscopes"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "These topics are not in the library: horoscopes."
    assert not Subscriber.objects.exists()


def test_a_sign_up_never_changes_the_topics_of_a_subscriber(
    client, community, library_topics, django_capture_on_commit_callbacks
):
    _subscribe(
        client, django_capture_on_commit_callbacks, email="reader@example.org", topics=["pain"]
    )
    Subscriber.objects.filter(email="reader@example.org").update(confirmed_at=timezone.now())
    _subscribe(
        client,
        django_capture_on_commit_callbacks,
        email="reader@example.org",
        topics=["low-dose-naltrexone"],
    )
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert [topic.slug for topic in subscriber.topics.all()] == ["pain"]


def test_sign_ups_are_rate_limited_per_address_with_the_page(
    client, community, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletter/", {"email": "page@example.org"})
        codes = [
            client.post(
                SUBSCRIBE, {"email": f"r{n}@example.org"}, content_type="application/json"
            ).status_code
            for n in range(10)
        ]
    assert codes == [202] * 9 + [429]
    assert len(mail.outbox) == 10 and Subscriber.objects.count() == 10


def test_no_csrf_token_is_needed_as_the_route_reads_no_cookie(
    community, django_capture_on_commit_callbacks
):
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    response = _subscribe(client, django_capture_on_commit_callbacks, email="reader@example.org")
    assert response.status_code == 202
