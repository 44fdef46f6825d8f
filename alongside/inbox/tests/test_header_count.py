"""The header tells a member how many conversations have unread messages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.inbox.services import conversation_start, message_send

pytestmark = pytest.mark.django_db


def _header(client) -> str:
    html = client.get("/feed/").content.decode()
    return html[
        html.index('aria-label="Main"') : html.index("</nav>", html.index('aria-label="Main"'))
    ]


def test_an_unread_message_shows_in_the_header_until_it_is_read(
    community, make_trusted, client_for
):
    ana, ben = make_trusted(display_name="Ana"), make_trusted(display_name="Ben")
    conversation = conversation_start(sender=ana, recipient=ben, community=community)
    message_send(sender=ana, conversation=conversation, body="Hello")
    message_send(sender=ana, conversation=conversation, body="Are you there?")
    reader = client_for(ben)
    header = _header(reader)
    assert "Messages (1)" in header
    assert '<span class="visually-hidden"> conversation with unread messages</span>' in header
    assert "Messages (" not in _header(client_for(ana))
    reader.get(conversation.get_absolute_url())
    header = _header(reader)
    assert "Messages (" not in header and ">Messages</a>" in header


def test_the_header_counts_cost_one_query(community, make_trusted, client_for):
    from alongside.inbox.selectors import header_counts

    member = make_trusted()
    header_counts(user=member, community=community)  # the membership, memoised per request
    with CaptureQueriesContext(connection) as queries:
        assert header_counts(user=member, community=community) == (0, 0)
    assert len(queries) == 1


def test_visitors_and_other_communities_see_no_message_count(
    community, other_community, make_trusted, client_for
):
    ana, ben = make_trusted(), make_trusted()
    conversation = conversation_start(sender=ana, recipient=ben, community=community)
    message_send(sender=ana, conversation=conversation, body="Hello")
    elsewhere = client_for(ben, host="ra.localhost").get("/questions/").content.decode()
    assert "Messages (" not in elsewhere
    assert "Messages (" not in client_for().get("/questions/").content.decode()
