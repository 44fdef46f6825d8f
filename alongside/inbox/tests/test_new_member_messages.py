"""Messages of new members (trust level 0): private, so never held in the moderators' queue;
still no links, lower limits and crisis screening. A reported message does reach the queue."""

import pytest
from django.core.exceptions import ValidationError

from alongside.communities.models import StaffRole
from alongside.inbox.services import conversation_start, message_send
from alongside.moderation.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(make_member):
    return make_member(display_name="Nell")


@pytest.fixture
def friend(make_trusted):
    return make_trusted(display_name="Fay")


@pytest.fixture
def moderator(make_trusted):
    return make_trusted(display_name="Mo", staff_role=StaffRole.MODERATOR)


@pytest.fixture
def conversation(community, newcomer, friend):
    return conversation_start(sender=newcomer, recipient=friend, community=community)


def _queue(client_for, moderator) -> str:
    return client_for(moderator).get("/moderation/").content.decode()


def test_a_new_member_s_message_is_delivered_at_once_and_never_queued(
    conversation, newcomer, friend, moderator, client_for
):
    response = client_for(newcomer).post(
        conversation.get_absolute_url(), {"body": "Thank you for your kind words"}
    )
    assert response.status_code == 302
    assert "Thank you for your kind words" in (
        client_for(friend).get(conversation.get_absolute_url()).content.decode()
    )
    queue = _queue(client_for, moderator)
    assert "Thank you for your kind words" not in queue and "Nothing is waiting" in queue
    assert client_for(moderator).get("/api/v1/moderation/queue").json() == []


def test_a_link_from_a_new_member_is_refused_and_the_text_kept(conversation, newcomer, client_for):
    response = client_for(newcomer).post(
        conversation.get_absolute_url(), {"body": "Look at www.example.com please"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "New members cannot post links" in page and "Look at www.example.com please" in page


def test_new_members_have_a_lower_message_limit_than_trusted_ones(
    community, conversation, newcomer, friend
):
    for n in range(20):
        message_send(sender=newcomer, conversation=conversation, body=f"hello {n}")
        message_send(sender=friend, conversation=conversation, body=f"hi {n}")
    with pytest.raises(ValidationError, match="pausing"):
        message_send(sender=newcomer, conversation=conversation, body="one too many")
    message_send(sender=friend, conversation=conversation, body="still fine")


def test_crisis_words_show_help_and_alert_moderators_without_showing_the_message(
    community, conversation, newcomer, moderator, client_for
):
    community.crisis_resources = "Call the Samaritans on 116 123."
    community.save()
    response = client_for(newcomer).post(
        conversation.get_absolute_url(),
        {"body": "Some nights I want to die, secret detail"},
        follow=True,
    )
    assert "116 123" in response.content.decode()
    queue = _queue(client_for, moderator)
    assert "High risk" in queue and "Nell" in queue
    assert "secret detail" not in queue and "This is a private message" in queue
    api = client_for(moderator).get("/api/v1/moderation/queue").json()
    assert [entry["excerpt"] for entry in api] == [""]


def test_a_reported_message_reaches_the_queue_with_its_text(
    conversation, newcomer, friend, moderator, client_for
):
    message = message_send(sender=newcomer, conversation=conversation, body="Buy my pills cheap")
    client_for(friend).post(f"/report/message/{message.pk}/", {"reason": "spam"})
    assert Report.objects.get().target == message
    queue = _queue(client_for, moderator)
    assert "Reported message" in queue and "Buy my pills cheap" in queue
