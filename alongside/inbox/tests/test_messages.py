from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.inbox.models import Message, Participant
from alongside.inbox.selectors import (
    MESSAGE_PAGE_SIZE,
    conversation_view_for,
    inbox_for,
    unread_total,
)
from alongside.inbox.services import (
    conversation_mute,
    conversation_read,
    conversation_start,
    message_send,
)
from alongside.notifications.models import Notification
from alongside.teams.services import block_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(make_trusted):
    return make_trusted(display_name="Ana"), make_trusted(display_name="Ben")


def test_a_message_is_unread_until_opened_and_notifies_once(
    community, pair, django_capture_on_commit_callbacks
):
    ana, ben = pair
    conversation = conversation_start(sender=ana, recipient=ben, community=community)
    with django_capture_on_commit_callbacks(execute=True):
        message = message_send(sender=ana, conversation=conversation, body="Hello Ben")
    assert unread_total(viewer=ben, community=community) == 1
    assert unread_total(viewer=ana, community=community) == 0
    note = Notification.objects.get(recipient=ben)
    assert note.dedupe_key == f"message:{message.pk}" and "Ana" in note.text
    conversation_read(user=ben, conversation=conversation)
    assert unread_total(viewer=ben, community=community) == 0


def test_starting_twice_reuses_the_conversation(community, pair):
    ana, ben = pair
    first = conversation_start(sender=ana, recipient=ben, community=community)
    assert conversation_start(sender=ben, recipient=ana, community=community).pk == first.pk


def test_a_muted_conversation_sends_no_notification(
    community, pair, django_capture_on_commit_callbacks
):
    ana, ben = pair
    conversation = conversation_start(sender=ana, recipient=ben, community=community)
    conversation_mute(user=ben, conversation=conversation, muted=True)
    with django_capture_on_commit_callbacks(execute=True):
        message_send(sender=ana, conversation=conversation, body="Quiet hello")
    assert not Notification.objects.filter(recipient=ben).exists()
    assert Participant.objects.get(user=ben).unread_count == 1


def test_nobody_messages_across_a_block_either_way(community, pair):
    ana, ben = pair
    conversation = conversation_start(sender=ana, recipient=ben, community=community)
    block_create(blocker=ben, blocked=ana, community=community)
    for sender in (ana, ben):
        with pytest.raises(ValidationError, match="blocked"):
            message_send(sender=sender, conversation=conversation, body="Hi")
    with pytest.raises(ValidationError):
        conversation_start(sender=ana, recipient=ben, community=community)
    assert not Message.objects.exists()


def test_a_new_member_cannot_send_links_and_is_rate_limited(community, make_member):
    ana, ben = make_member(), make_member()
    conversation = conversation_start(sender=ana, recipient=ben, community=community)
    with pytest.raises(ValidationError, match="links"):
        message_send(sender=ana, conversation=conversation, body="see www.example.com")
    for n in range(20):
        message_send(sender=ana, conversation=conversation, body=f"hello {n}")
    with pytest.raises(ValidationError, match="pausing"):
        message_send(sender=ana, conversation=conversation, body="one too many")


def _bulk_messages(conversation, sender, count):
    now = timezone.now()
    rows = Message.objects.bulk_create(
        [Message(conversation=conversation, sender=sender, body=f"m{n}") for n in range(count)]
    )
    for n, row in enumerate(rows):
        Message.objects.filter(pk=row.pk).update(created_at=now - timedelta(seconds=count - n))


def test_messages_page_by_keyset_oldest_to_newest(community, pair):
    ana, ben = pair
    conversation = conversation_start(sender=ana, recipient=ben, community=community)
    _bulk_messages(conversation, ana, MESSAGE_PAGE_SIZE + 5)
    latest = conversation_view_for(viewer=ben, conversation=conversation)
    assert [m.body for m in latest["thread"]][-1] == f"m{MESSAGE_PAGE_SIZE + 4}"
    earlier = conversation_view_for(
        viewer=ben, conversation=conversation, before=latest["older_cursor"]
    )
    assert [m.body for m in earlier["thread"]] == [f"m{n}" for n in range(5)]
    assert earlier["older_cursor"] is None


def _queries(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_conversation_and_inbox_pages_run_the_same_queries_with_10_and_1000_items(
    community, pair, make_trusted, client_for
):
    ana, ben = pair
    conversation = conversation_start(sender=ana, recipient=ben, community=community)
    _bulk_messages(conversation, ana, 10)
    client = client_for(ben)
    small = (_queries(client, conversation.get_absolute_url()), _queries(client, "/messages/"))
    _bulk_messages(conversation, ben, 1000)
    for _ in range(40):
        other = make_trusted()
        started = conversation_start(sender=other, recipient=ben, community=community)
        message_send(sender=other, conversation=started, body="hello")
    large = (_queries(client, conversation.get_absolute_url()), _queries(client, "/messages/"))
    assert small == large
    assert max(large) <= 12


def test_the_inbox_lists_latest_first_with_names_as_the_viewer_may_see_them(
    community, make_trusted
):
    me, first, second = (
        make_trusted(),
        make_trusted(display_name="First"),
        make_trusted(display_name="Hidden", display_name_audience="team"),
    )
    for other in (first, second):
        conversation = conversation_start(sender=other, recipient=me, community=community)
        message_send(sender=other, conversation=conversation, body="hi")
    names = [side.other_name for side in inbox_for(viewer=me, community=community).items]
    assert names == ["An Alongside MS member", "First"]
