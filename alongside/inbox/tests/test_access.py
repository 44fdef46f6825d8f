"""The access matrix for messages: only the two members of a conversation ever see it."""

import json

import pytest

from alongside.conversations.tests.helpers import ROLES
from alongside.inbox.models import Message
from alongside.inbox.services import conversation_start, message_send

pytestmark = pytest.mark.django_db


def _expect(default, **overrides):
    return {role: overrides.get(role, default) for role in ROLES}


@pytest.fixture
def conversation(world):
    found = conversation_start(
        sender=world.owner, recipient=world.teammate, community=world.community
    )
    message_send(sender=world.owner, conversation=found, body="Our private words")
    return found


@pytest.mark.parametrize("role", ROLES)
def test_the_inbox_page(world, client_for, role):
    expected = _expect(200, anonymous=302, other_community=404)
    assert client_for(world.user(role)).get("/messages/").status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_a_conversation_page(world, conversation, client_for, role):
    response = client_for(world.user(role)).get(conversation.get_absolute_url())
    expected = _expect(404, anonymous=302, owner=200, teammate=200)
    assert response.status_code == expected[role]
    assert ("Our private words" in response.content.decode()) is (expected[role] == 200)


@pytest.mark.parametrize("role", ROLES)
def test_messaging_the_owner(world, client_for, role):
    """Opening a conversation with the owner: refused to the blocked member and outsiders
    of the community."""
    response = client_for(world.user(role)).get(f"/messages/with/{world.owner.public_id}/")
    expected = _expect(302, other_community=404, owner=404)
    assert response.status_code == expected[role]
    if role == "blocked":
        assert response["Location"] == "/messages/"


@pytest.mark.parametrize("role", ROLES)
def test_the_inbox_api(world, conversation, client_for, role):
    client = client_for(world.user(role))
    listing = client.get("/api/v1/messages")
    thread = client.get(f"/api/v1/messages/{conversation.pk}")
    assert listing.status_code == _expect(200, anonymous=401, other_community=404)[role]
    assert thread.status_code == _expect(404, anonymous=401, owner=200, teammate=200)[role]


@pytest.mark.parametrize("role", ROLES)
def test_sending_through_the_api(world, conversation, client_for, role):
    client = client_for(world.user(role))
    reply = client.post(
        f"/api/v1/messages/{conversation.pk}", json.dumps({"body": "hi"}), "application/json"
    )
    start = client.post(
        "/api/v1/messages/start",
        json.dumps({"public_id": str(world.owner.public_id), "body": "hello"}),
        "application/json",
    )
    assert reply.status_code == _expect(404, anonymous=401, owner=201, teammate=201)[role]
    expected_start = _expect(201, anonymous=401, other_community=404, owner=404, blocked=400)
    assert start.status_code == expected_start[role]


def test_a_reply_is_sent_from_the_page_without_javascript(world, conversation, client_for):
    client = client_for(world.teammate)
    response = client.post(conversation.get_absolute_url(), {"body": "Thank you"})
    assert response.status_code == 302
    assert Message.objects.filter(sender=world.teammate, body="Thank you").exists()


def test_a_blocked_member_no_longer_sees_the_blockers_conversation(world, client_for):
    from alongside.teams.services import block_create

    found = conversation_start(
        sender=world.outsider, recipient=world.teammate, community=world.community
    )
    message_send(sender=world.outsider, conversation=found, body="Before the block")
    block_create(blocker=world.outsider, blocked=world.teammate, community=world.community)
    blocked = client_for(world.teammate)
    assert blocked.get(found.get_absolute_url()).status_code == 404
    assert found.get_absolute_url() not in blocked.get("/messages/").content.decode()
    blocker_view = client_for(world.outsider).get(found.get_absolute_url()).content.decode()
    assert "Before the block" in blocker_view and "no new messages can be sent" in blocker_view
