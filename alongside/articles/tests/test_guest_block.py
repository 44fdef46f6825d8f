from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from alongside.articles.models import ArticleComment
from alongside.articles.tests.test_comments import _comment_url, _confirmed_guest_client
from alongside.communities.models import StaffRole
from alongside.moderation.models import GuestBlock

pytestmark = pytest.mark.django_db

BLOCKED = "A moderator has blocked comments from this email address or this connection."


def _guest(article, capture, *, email: str, **headers) -> Client:
    """A browser that confirmed `email` as a guest, from the address in `headers`."""
    browser = Client(HTTP_HOST="localhost", **headers)
    sent = len(mail.outbox)
    with capture(execute=True):
        browser.post(f"/articles/{article.pk}/guest/", {"name": "Sam", "email": email})
    assert len(mail.outbox) == sent + 1
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/confirm/" in line)
    assert browser.get(urlsplit(link).path).status_code == 302
    return browser


def _block(desk: Client, comment: ArticleComment, note: str = "Sells pills."):
    return desk.post(
        "/moderation/act/",
        {
            "label": "articles.articlecomment",
            "pk": comment.pk,
            "action": "block_guest",
            "note": note,
        },
        follow=True,
    )


@pytest.fixture
def desk(client_for, make_member):
    return client_for(make_member(staff_role=StaffRole.MODERATOR))


def test_a_moderator_blocks_a_guest_by_email_and_the_guest_cannot_comment_again(
    client, desk, article, django_capture_on_commit_callbacks
):
    guest_client = _confirmed_guest_client(client, article, django_capture_on_commit_callbacks)
    guest_client.post(_comment_url(article), {"text": "Buy cheap pills here"})
    comment = ArticleComment.objects.get(text="Buy cheap pills here")
    queue = desk.get("/moderation/").content.decode()
    assert "Block this guest (email and address)" in queue
    assert "Alex (guest)" in queue
    assert "Warn the member" not in queue and "Suspend the member" not in queue
    response = _block(desk, comment)
    assert response.status_code == 200
    assert (
        "Blocked the guest who wrote the article comment by Alex (guest), by email and by address."
        in response.content.decode()
    )
    before_typing = guest_client.get(article.url).content.decode()
    assert BLOCKED in before_typing and 'id="comment-form"' not in before_typing
    answer = guest_client.post(_comment_url(article), {"text": "Again"}, follow=True)
    assert BLOCKED in answer.content.decode()
    assert not ArticleComment.objects.filter(text="Again").exists()
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            f"/articles/{article.pk}/guest/",
            {"name": "Al", "email": "ALEX@example.org"},
            follow=True,
        )
    assert len(mail.outbox) == sent
    assert BLOCKED in again.content.decode()


def test_a_blocked_guest_writing_from_the_same_address_with_another_email_is_refused(
    desk, article, django_capture_on_commit_callbacks
):
    spammer = _guest(
        article,
        django_capture_on_commit_callbacks,
        email="one@example.org",
        REMOTE_ADDR="198.51.100.7",
    )
    # A second confirmed email, from the same connection, before the block.
    second = _guest(
        article,
        django_capture_on_commit_callbacks,
        email="two@example.org",
        REMOTE_ADDR="198.51.100.7",
    )
    spammer.post(_comment_url(article), {"text": "Cheap pills"})
    _block(desk, ArticleComment.objects.get(text="Cheap pills"))
    refused = second.post(_comment_url(article), {"text": "Cheap pills again"}, follow=True)
    assert BLOCKED in refused.content.decode()
    assert not ArticleComment.objects.filter(text="Cheap pills again").exists()
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        third = Client(HTTP_HOST="localhost", REMOTE_ADDR="198.51.100.7").post(
            f"/articles/{article.pk}/guest/",
            {"name": "Sam", "email": "three@example.org"},
            follow=True,
        )
    assert BLOCKED in third.content.decode()
    assert len(mail.outbox) == sent
    elsewhere = _guest(
        article,
        django_capture_on_commit_callbacks,
        email="four@example.org",
        REMOTE_ADDR="198.51.100.8",
    )
    elsewhere.post(_comment_url(article), {"text": "A kind question"})
    assert ArticleComment.objects.filter(text="A kind question").exists()


def test_the_blocked_address_is_the_one_the_trusted_proxy_reports(
    settings, desk, article, django_capture_on_commit_callbacks
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # every visitor arrives through our proxy
    spammer = _guest(
        article,
        django_capture_on_commit_callbacks,
        email="one@example.org",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **proxy,
    )
    spammer.post(_comment_url(article), {"text": "Cheap pills"})
    _block(desk, ArticleComment.objects.get(text="Cheap pills"))
    same = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    refused = same.post(
        f"/articles/{article.pk}/guest/", {"name": "Sam", "email": "new@example.org"}, follow=True
    )
    assert BLOCKED in refused.content.decode()
    # Another visitor behind the same proxy is not caught by the block.
    other = _guest(
        article,
        django_capture_on_commit_callbacks,
        email="other@example.org",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        **proxy,
    )
    other.post(_comment_url(article), {"text": "A kind question"})
    assert ArticleComment.objects.filter(text="A kind question").exists()


def test_blocking_the_same_guest_twice_or_an_older_comment_without_an_address_never_fails(
    client, desk, article, community, django_capture_on_commit_callbacks
):
    guest_client = _confirmed_guest_client(client, article, django_capture_on_commit_callbacks)
    guest_client.post(_comment_url(article), {"text": "First"})
    guest_client.post(_comment_url(article), {"text": "Second"})
    first, second = ArticleComment.objects.filter(text__in=["First", "Second"]).order_by("pk")
    ArticleComment.objects.filter(pk=first.pk).update(guest_address_digest="")
    for comment in (first, second, second):
        response = _block(desk, comment)
        assert response.status_code == 200
        assert "Blocked the guest who wrote the article comment" in response.content.decode()
    blocks = GuestBlock.objects.filter(email="alex@example.org", community=community)
    assert blocks.count() == 2  # the email alone, and the email with the second's address
    assert {block.address_digest == "" for block in blocks} == {True, False}


@pytest.fixture
def spammer(client, desk, article, django_capture_on_commit_callbacks):
    """A confirmed guest whose comment a moderator blocked (note: "Spam.")."""
    guest_client = _confirmed_guest_client(client, article, django_capture_on_commit_callbacks)
    guest_client.post(_comment_url(article), {"text": "Buy cheap pills here"})
    _block(desk, ArticleComment.objects.get(text="Buy cheap pills here"), note="Spam.")
    return guest_client


def test_a_moderator_lifts_a_block_and_the_guest_comments_again(spammer, desk, article):
    guest_client = spammer
    listed = desk.get("/moderation/guests/").content.decode()
    assert "alex@example.org" in listed and "by email and by connection" in listed
    block = GuestBlock.objects.get()
    lifted = desk.post("/moderation/guests/", {"block": block.pk}, follow=True).content.decode()
    assert "Lifted the block on alex@example.org: this guest can comment again." in lifted
    assert "No guest is blocked here." in lifted
    guest_client.post(_comment_url(article), {"text": "Sorry, a real question now"})
    assert ArticleComment.objects.filter(text="Sorry, a real question now").exists()
    log = desk.get("/moderation/log/").content.decode()
    assert "Lift a guest&#x27;s block" in log and "Block the guest" in log


def test_only_this_communitys_moderators_see_or_lift_guest_blocks(
    client_for, make_member, other_community, spammer
):
    block = GuestBlock.objects.get()
    outsiders = [
        client_for(),
        client_for(make_member()),
        client_for(make_member(other_community, staff_role=StaffRole.MODERATOR)),
    ]
    for outsider in outsiders:
        seen = outsider.get("/moderation/guests/")
        assert seen.status_code in (302, 404) and b"alex@example.org" not in seen.content
        assert outsider.post("/moderation/guests/", {"block": block.pk}).status_code in (302, 404)
        api = outsider.delete(f"/api/v1/moderation/guest-blocks/{block.pk}")
        assert api.status_code in (401, 404)
        assert outsider.get("/api/v1/moderation/guest-blocks").status_code in (401, 404)
    block.refresh_from_db()
    assert block.lifted_at is None


def test_a_moderators_app_lists_and_lifts_guest_blocks(spammer, desk):
    listed = desk.get("/api/v1/moderation/guest-blocks").json()
    assert [(b["email"], b["by_address"], b["note"]) for b in listed] == [
        ("alex@example.org", True, "Spam.")
    ]
    assert desk.delete(f"/api/v1/moderation/guest-blocks/{listed[0]['id']}").status_code == 204
    assert desk.get("/api/v1/moderation/guest-blocks").json() == []
