import io
import re
import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from alongside.articles.models import ArticlePage
from alongside.articles.tests.conftest import CONTENT
from alongside.core.services import topics_ensure
from alongside.demo.articles import demo_articles_step
from alongside.newsletter import services
from alongside.newsletter.models import Subscriber
from alongside.newsletter.selectors import digest_key_for
from alongside.newsletter.tasks import digest_send
from alongside.questions.services import question_create

pytestmark = pytest.mark.django_db


def _link(message, part: str) -> str:
    return re.search(rf"http://[^/\s]+(/newsletter/{part}/[^\s\"<]+)", message.body).group(1)


def _signup(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/newsletter/", {"email": email}, follow=True)


def _confirmed(client, community, email, capture) -> Subscriber:
    _signup(client, email, capture)
    client.post(_link(mail.outbox[-1], "confirm"))
    return Subscriber.objects.get(community=community, email=email)


def test_signing_up_sends_a_confirmation_and_shows_the_thank_you_state(
    client, community, django_capture_on_commit_callbacks
):
    response = _signup(client, "reader@example.org", django_capture_on_commit_callbacks)
    assert "Thank you for subscribing" in response.content.decode()
    assert "Become a member to get even more" in response.content.decode()
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert subscriber.confirmed_at is None and len(mail.outbox) == 1


def test_the_confirmation_link_confirms_the_address(
    client, community, django_capture_on_commit_callbacks
):
    subscriber = _confirmed(
        client, community, "reader@example.org", django_capture_on_commit_callbacks
    )
    assert subscriber.is_active


def test_an_invalid_email_gets_a_clear_message_and_keeps_what_was_typed(client, community):
    response = client.post("/newsletter/", {"email": "reader@"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter an email address such as name@example.org." in html and 'value="reader@"' in html
    assert not Subscriber.objects.exists()


def test_a_repeated_sign_up_is_told_by_email_and_the_page_gives_nothing_away(
    client, community, django_capture_on_commit_callbacks
):
    first = _signup(client, "new@example.org", django_capture_on_commit_callbacks)
    _confirmed(client, community, "reader@example.org", django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    again = _signup(client, "Reader@example.org", django_capture_on_commit_callbacks)
    for page in (first, again):  # a new address and a subscribed one get the same page
        assert "Thank you for subscribing" in page.content.decode()
    assert "already" not in again.content.decode()
    assert Subscriber.objects.filter(email="reader@example.org").count() == 1
    assert len(mail.outbox) == sent + 1
    told = mail.outbox[-1]
    assert told.to == ["reader@example.org"] and "already get" in told.subject
    assert "/newsletter/preferences/" in told.body and "nothing has changed" in told.body


def test_an_expired_confirmation_link_says_so_and_offers_a_new_one(
    client, community, django_capture_on_commit_callbacks
):
    _signup(client, "reader@example.org", django_capture_on_commit_callbacks)
    link = _link(mail.outbox[-1], "confirm")
    later = time.time() + services.CONFIRM_MAX_AGE + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(link)
    html = response.content.decode()
    assert response.status_code == 400 and "This confirmation link has expired" in html
    assert "Send me a new link" in html
    assert Subscriber.objects.get(email="reader@example.org").confirmed_at is None


def test_the_digest_goes_once_as_html_and_text_with_one_click_unsubscribe(
    client, communities, community, django_capture_on_commit_callbacks
):
    demo_articles_step(communities=communities, stdout=io.StringIO(), content=CONTENT)
    subscriber = _confirmed(
        client, community, "reader@example.org", django_capture_on_commit_callbacks
    )
    from alongside.articles.models import ArticlePage

    ArticlePage.objects.update(first_published_at=subscriber.created_at)
    mail.outbox.clear()
    key = digest_key_for(community=community)
    with django_capture_on_commit_callbacks(execute=True):
        digest_send.call(community.pk, key)
        digest_send.call(community.pk, key)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "LDN for MS: a test article" in message.body
    assert "LDN for MS: a test article" in message.alternatives[0][0]
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    response = client.post(urlsplit(unsubscribe).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def test_the_one_click_unsubscribe_needs_no_cookie_or_csrf_token(community):
    from django.test import Client

    subscriber = Subscriber.objects.create(community=community, email="a@example.org")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        f"/newsletter/unsubscribe/{subscriber.token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200


def test_the_preferences_page_saves_choices(client, community):
    subscriber = Subscriber.objects.create(community=community, email="a@example.org")
    response = client.post(f"/newsletter/preferences/{subscriber.token}/", {}, follow=True)
    assert "Your preferences are saved." in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.weekly_digest is False


def test_a_subscriber_of_another_community_is_not_found_here(client_for, other_community):
    subscriber = Subscriber.objects.create(community=other_community, email="a@example.org")
    assert client_for().get(f"/newsletter/preferences/{subscriber.token}/").status_code == 404


def _subscriber(community, email: str, topics: list[str]) -> Subscriber:
    subscriber = Subscriber.objects.create(
        community=community, email=email, confirmed_at=timezone.now()
    )
    services.subscriber_preferences_update(
        subscriber=subscriber, weekly_digest=True, topics=topics_ensure(slugs_or_names=topics)
    )
    return subscriber


def _digest_to(email: str):
    return next(message for message in mail.outbox if message.to == [email])


def test_the_digest_puts_a_subscribers_topics_first_and_others_get_the_general_one(
    communities, community, django_capture_on_commit_callbacks
):
    demo_articles_step(communities=communities, stdout=io.StringIO(), content=CONTENT)
    ArticlePage.objects.update(first_published_at=timezone.now())
    question_create(
        author=None,
        community=community,
        title="Does LDN help fatigue?",
        topics=["low-dose-naltrexone"],
    )
    question_create(author=None, community=community, title="Cooling vests?", topics=["heat"])
    _subscriber(community, "ldn@example.org", ["low-dose-naltrexone"])
    _subscriber(community, "everything@example.org", [])
    _subscriber(community, "carer@example.org", ["caregiving"])
    mail.outbox.clear()
    key = digest_key_for(community=community)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send.call(community.pk, key) == 3
        assert digest_send.call(community.pk, key) == 0
    assert len(mail.outbox) == 3

    chosen = _digest_to("ldn@example.org")
    for text in (chosen.body, chosen.alternatives[0][0]):
        first = text.index("On the topics you chose")
        assert first < text.index("LDN for MS: a test article") < text.index("More new articles")
        assert text.index("More new articles") < text.index("Pain in MS")
        assert first < text.index("Does LDN help fatigue?") < text.index("Cooling vests?")
    for email in ("everything@example.org", "carer@example.org"):
        general = _digest_to(email).body
        assert "On the topics you chose" not in general and "New articles" in general
        assert "LDN for MS: a test article" in general and "Cooling vests?" in general
