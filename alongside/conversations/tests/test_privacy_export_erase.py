import pytest

from alongside.conversations.models import Comment, Reaction, Update
from alongside.conversations.services import comment_create, reaction_toggle, update_create
from alongside.core import privacy
from alongside.inbox.models import Message
from alongside.inbox.services import conversation_start, message_send
from alongside.teams.models import TeamLink
from alongside.teams.services import team_link_create

pytestmark = pytest.mark.django_db


def _contributor(name):
    return next(c for c in privacy.contributors() if c.name == name)


@pytest.fixture
def active(community, make_trusted):
    me, other = make_trusted(), make_trusted()
    update = update_create(author=me, community=community, body="Mine")
    comment_create(author=me, update=update, body="My comment")
    reaction_toggle(
        user=me, kind="hug", update=update_create(author=other, community=community, body="Theirs")
    )
    team_link_create(community=community, a=me, b=other)
    message_send(
        sender=me,
        conversation=conversation_start(sender=me, recipient=other, community=community),
        body="Hi",
    )
    return me


def test_export_holds_updates_comments_team_and_messages(active):
    data = {name: _contributor(name).export(active) for name in ("updates", "teams", "messages")}
    assert data["updates"]["updates"][0]["body"] == "Mine"
    assert data["updates"]["comments"][0]["body"] == "My comment"
    assert len(data["teams"]["team"]) == 1
    assert data["messages"]["messages_sent"][0]["body"] == "Hi"


def test_erasing_and_keeping_posts_anonymises_them(active):
    for name in ("updates", "teams", "messages"):
        _contributor(name).erase(user=active, keep_posts=True)
    assert Update.objects.get(body="Mine").author is None
    assert Comment.objects.get().author is None
    assert Message.objects.get().sender is None
    assert not Reaction.objects.exists() and Update.objects.get(body="Theirs").hug_count == 0
    assert not TeamLink.objects.exists()


def test_erasing_everything_deletes_the_posts(active):
    for name in ("updates", "teams", "messages"):
        _contributor(name).erase(user=active, keep_posts=False)
    assert not Update.objects.filter(body="Mine").exists()
    assert not Message.objects.exists()
