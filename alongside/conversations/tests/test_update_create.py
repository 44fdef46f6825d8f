import pytest
from django.core.exceptions import ValidationError

from alongside.communities.models import Membership
from alongside.conversations.models import Update
from alongside.conversations.services import picture_prepare, update_create
from alongside.conversations.tests.helpers import picture_upload

pytestmark = pytest.mark.django_db


def test_a_member_posts_an_update_with_text(community, make_trusted):
    author = make_trusted()
    update = update_create(author=author, community=community, body="  Hello, everyone.  ")
    assert update.body == "Hello, everyone."
    assert update.visibility == "published"


def test_a_new_members_update_waits_for_a_moderator(community, make_member, client_for):
    author = make_member()
    update = update_create(author=author, community=community, body="My first post")
    assert update.visibility == "pending"
    page = client_for(author).get(update.get_absolute_url()).content.decode()
    assert "Waiting for a moderator" in page


def test_a_member_posts_an_update_with_only_a_picture(community, make_member):
    picture = picture_prepare(upload=picture_upload(), alt_text="A blue sky")
    update = update_create(author=make_member(), community=community, pictures=[picture])
    assert update.pictures.get().alt_text == "A blue sky"
    assert update.pictures.get().feed_width == 640


def test_it_refuses_an_update_with_neither_text_nor_picture(community, make_member):
    with pytest.raises(ValidationError, match="Write something or add a picture"):
        update_create(author=make_member(), community=community, body="   ")
    assert not Update.objects.exists()


def test_it_refuses_more_than_four_pictures(community, make_member):
    pictures = [picture_prepare(upload=picture_upload()) for _ in range(5)]
    with pytest.raises(ValidationError, match="up to 4 pictures"):
        update_create(author=make_member(), community=community, pictures=pictures)


def test_it_refuses_a_member_of_another_community(community, other_community, make_member):
    stranger = make_member(other_community)
    with pytest.raises(ValidationError):
        update_create(author=stranger, community=community, body="Hello")


def test_it_refuses_a_link_from_a_new_member_but_not_from_a_trusted_one(community, make_member):
    author = make_member()
    with pytest.raises(ValidationError, match="New members cannot post links"):
        update_create(author=author, community=community, body="See https://spam.example")
    Membership.objects.filter(user=author).update(trust_level=1)
    author.__dict__.pop("_memberships", None)
    update = update_create(author=author, community=community, body="See https://ok.example")
    assert update.pk


def test_it_rate_limits_updates_per_member(community, make_member):
    author = make_member()
    for n in range(4):
        update_create(author=author, community=community, body=f"Post {n}")
    with pytest.raises(ValidationError, match="pausing you"):
        update_create(author=author, community=community, body="One more")
    assert Update.objects.filter(author=author).count() == 4


def test_the_form_keeps_what_was_typed_when_the_update_is_refused(
    community, make_member, client_for
):
    client = client_for(make_member())
    response = client.post(
        "/feed/new/", {"body": "Visit www.example.com today", "audience": "members"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "New members cannot post links" in html
    assert "Visit www.example.com today" in html


def test_the_form_explains_an_empty_update(community, make_member, client_for):
    response = client_for(make_member()).post("/feed/new/", {"body": "", "audience": "team"})
    assert response.status_code == 400
    assert "Write something or add a picture" in response.content.decode()


def test_the_form_posts_text_and_a_picture(community, make_member, client_for):
    author = make_member()
    data = {"body": "Sunny", "audience": "members", "picture_1": picture_upload(), "alt_1": "Sun"}
    response = client_for(author).post("/feed/new/", data)
    assert response.status_code == 302
    update = Update.objects.get(author=author)
    assert update.pictures.get().alt_text == "Sun"


def test_the_author_edits_and_deletes_their_update(community, make_member, client_for):
    author = make_member()
    update = update_create(author=author, community=community, body="First draft")
    client = client_for(author)
    client.post(f"/updates/{update.pk}/edit/", {"body": "Second draft", "audience": "team"})
    update.refresh_from_db()
    assert (update.body, update.audience) == ("Second draft", "team")
    assert update.edited_at is not None
    client.post(f"/updates/{update.pk}/delete/")
    assert not Update.objects.filter(pk=update.pk).exists()


def test_an_edit_cannot_empty_an_update(community, make_member, client_for):
    author = make_member()
    update = update_create(author=author, community=community, body="Keep me")
    response = client_for(author).post(
        f"/updates/{update.pk}/edit/", {"body": "", "audience": "members"}
    )
    assert "Write something or add a picture" in response.content.decode()
    update.refresh_from_db()
    assert update.body == "Keep me"


def test_a_draft_is_kept_while_typing_and_cleared_once_posted(community, make_trusted, client_for):
    author = make_trusted()
    client = client_for(author)
    saved = client.post("/feed/draft/", {"body": "Half a thought"}, HTTP_HX_REQUEST="true")
    assert saved.content.decode() == "Draft saved."
    assert "Half a thought" in client.get("/feed/").content.decode()
    client.post("/feed/new/", {"body": "Half a thought, finished.", "audience": "members"})
    assert (
        "Half a thought" not in client.get("/feed/?tab=team").content.decode().split("</form>")[0]
    )


def test_each_member_finds_their_own_draft_in_the_shared_form(community, make_trusted, client_for):
    """The empty form is rendered once and kept; the draft in it is each member's own, escaped."""
    ada, bo, cy = make_trusted(), make_trusted(), make_trusted()
    client_for(ada).post("/feed/draft/", {"body": "Ada's <b>tired</b> day"}, HTTP_HX_REQUEST="true")
    client_for(bo).post("/feed/draft/", {"body": "Bo & the heat"}, HTTP_HX_REQUEST="true")

    def textarea(member) -> str:
        html = client_for(member).get("/feed/").content.decode()
        return html.split('name="body"')[1].split("</textarea>")[0].split(">", 1)[1]

    assert textarea(ada).strip() == "Ada&#x27;s &lt;b&gt;tired&lt;/b&gt; day"
    assert textarea(bo).strip() == "Bo &amp; the heat"
    assert textarea(cy).strip() == ""
    typed = client_for(cy).post("/feed/new/", {"body": "", "audience": "nobody"})
    assert "Bo &amp; the heat" not in typed.content.decode()


def test_a_draft_cannot_be_saved_by_a_member_of_another_community(
    community, other_community, make_trusted, client_for
):
    response = client_for(make_trusted(other_community)).post("/feed/draft/", {"body": "x"})
    assert response.status_code == 404
