"""A new member's (trust level 0) comments wait for a moderator, like their other first posts."""

import pytest

from alongside.conversations.models import Update
from alongside.conversations.services import comment_create, update_create
from alongside.core.models import Visibility
from alongside.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(community, trusted):
    return update_create(author=trusted(display_name="Ada"), community=community, body="Hi all")


@pytest.fixture
def held(update, make_member, client_for, django_capture_on_commit_callbacks):
    """A comment a trust-0 member posted through the page."""
    newcomer = make_member(display_name="Nell")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(newcomer).post(
            f"/updates/{update.pk}/comments/",
            {"body": "Welcome, and hello from Leeds"},
            follow=True,
        )
    assert "read by a moderator before others see them" in response.content.decode()
    return update.comments.get()


def _page(client, update) -> str:
    return client.get(update.get_absolute_url()).content.decode()


def test_a_new_member_s_comment_is_held_uncounted_and_unannounced(held, update):
    update.refresh_from_db()
    assert held.visibility == Visibility.PENDING
    assert update.comment_count == 0
    assert not Notification.objects.filter(recipient=update.author, kind="comment").exists()


def test_only_the_author_and_moderators_see_a_held_comment(
    held, update, trusted, moderator, other_community, make_member, client_for
):
    own = _page(client_for(held.author), update)
    assert "Welcome, and hello from Leeds" in own and "only you can see this" in own
    assert "Welcome, and hello from Leeds" in _page(client_for(moderator), update)
    for outsider in (None, trusted(), update.author, make_member(other_community)):
        assert "Welcome, and hello from Leeds" not in _page(client_for(outsider), update)
    api = client_for(update.author).get(f"/api/v1/updates/{update.pk}/comments").json()
    assert api["items"] == []


def test_approving_a_held_comment_publishes_counts_and_notifies_once(
    held, update, moderator, client_for, django_capture_on_commit_callbacks
):
    data = {"label": "conversations.comment", "pk": held.pk, "action": "approve"}
    assert (
        "Welcome, and hello from Leeds"
        in client_for(moderator).get("/moderation/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for(moderator).post("/moderation/act/", data)
    update.refresh_from_db()
    assert update.comment_count == 1
    assert "Welcome, and hello from Leeds" in _page(client_for(update.author), update)
    notes = Notification.objects.filter(recipient=update.author, kind="comment")
    assert notes.count() == 1
    assert Notification.objects.filter(recipient=held.author, kind="moderation").exists()


def test_hiding_and_deleting_keep_the_count_of_published_comments(
    update, trusted, moderator, make_member
):
    from alongside.conversations.services import comment_delete
    from alongside.moderation.services import moderation_act

    published = comment_create(author=trusted(), update=update, body="Published")
    waiting = comment_create(author=make_member(), update=update, body="Waiting")
    assert Update.objects.get(pk=update.pk).comment_count == 1
    comment_delete(comment=waiting, by=waiting.author)
    assert Update.objects.get(pk=update.pk).comment_count == 1
    moderation_act(moderator=moderator, community=update.community, target=published, action="hide")
    assert Update.objects.get(pk=update.pk).comment_count == 0
    moderation_act(
        moderator=moderator, community=update.community, target=published, action="restore"
    )
    assert Update.objects.get(pk=update.pk).comment_count == 1


def test_trust_rises_with_approved_comments(update, make_member, moderator, settings):
    from alongside.moderation.services import moderation_act

    settings.MODERATION_TRUST_AFTER_APPROVALS = 2
    newcomer = make_member()
    for body in ("First", "Second"):
        comment = comment_create(author=newcomer, update=update, body=body)
        moderation_act(
            moderator=moderator, community=update.community, target=comment, action="approve"
        )
    newcomer.__dict__.pop("_memberships", None)
    third = comment_create(author=newcomer, update=update, body="Third")
    assert third.visibility == Visibility.PUBLISHED
