import re

import pytest

from alongside.conversations.models import Comment, Update
from alongside.conversations.services import comment_create, update_create

pytestmark = pytest.mark.django_db
CHECKBOX = "Editors may quote this anonymously in the library"


@pytest.fixture
def author(make_trusted):
    return make_trusted(display_name="Ada")


def test_quoting_is_off_unless_the_member_ticks_it(author, client_for):
    client = client_for(author)
    assert CHECKBOX in client.get("/feed/").content.decode()
    client.post("/feed/new/", {"body": "Not for the library", "audience": "members"})
    client.post("/feed/new/", {"body": "Quote me", "audience": "members", "quote_consent": "on"})
    assert Update.objects.get(body="Not for the library").quote_consent_at is None
    assert Update.objects.get(body="Quote me").quote_consent_at is not None


def test_the_member_changes_their_mind_on_the_edit_form(author, community, client_for):
    update = update_create(author=author, community=community, body="Hi", quote_consent=True)
    client = client_for(author)
    html = client.get(f"/updates/{update.pk}/edit/").content.decode()
    assert re.search(r'<input type="checkbox" name="quote_consent"[^>]* checked>', html)
    client.post(f"/updates/{update.pk}/edit/", {"body": "Hi", "audience": "members"})
    update.refresh_from_db()
    assert update.quote_consent_at is None
    client.post(
        f"/updates/{update.pk}/edit/", {"body": "Hi", "audience": "members", "quote_consent": "on"}
    )
    update.refresh_from_db()
    assert update.quote_consent_at is not None


def test_a_comment_is_quotable_from_the_form_and_the_toggle(author, community, client_for):
    update = update_create(author=author, community=community, body="News")
    client = client_for(author)
    client.post(f"/updates/{update.pk}/comments/", {"body": "Me too", "quote_consent": "on"})
    comment = Comment.objects.get(body="Me too")
    assert comment.quote_consent_at is not None
    html = client.get(f"/updates/{update.pk}/").content.decode()
    assert "Stop allowing quotes" in html
    response = client.post(f"/comments/{comment.pk}/quoting/", {"consent": "0"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.quote_consent_at is None
    client.post(f"/comments/{comment.pk}/quoting/", {"consent": "1"})
    comment.refresh_from_db()
    assert comment.quote_consent_at is not None


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("teammate", 404), ("outsider", 404), ("other_community", 404)],
)
def test_only_the_author_decides_about_quoting_a_comment(world, client_for, role, expected):
    comment = comment_create(author=world.owner, update=world.members_update, body="Mine")
    response = client_for(world.user(role)).post(
        f"/comments/{comment.pk}/quoting/", {"consent": "1"}
    )
    assert response.status_code == expected
    comment.refresh_from_db()
    assert comment.quote_consent_at is None
