"""Article comment pictures are private: served only by a view that checks the viewer may
read that comment, on that community's host, never at a public media address."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from alongside.articles.models import ArticleComment
from alongside.communities.selectors import membership_for
from alongside.communities.services import membership_create, membership_update
from alongside.core.models import Visibility
from alongside.core.storage import PrivateFileStorage
from alongside.testing import pictures

pytestmark = pytest.mark.django_db


def _post_picture(client, article, text: str) -> ArticleComment:
    client.post(f"/articles/{article.pk}/comments/", {"text": text, "picture": pictures.png()})
    return ArticleComment.objects.get(text=text)


def _url(comment) -> str:
    return f"/articles/comments/{comment.pk}/picture/"


@pytest.fixture
def published(article, community, make_member, client_for):
    author = make_member()
    membership = membership_for(user=author, community=community)
    membership_update(membership=membership, trust_level=1)
    comment = _post_picture(client_for(author), article, "Our pharmacy's leaflet")
    assert comment.visibility == Visibility.PUBLISHED
    return comment


def test_the_picture_is_stored_privately_and_shown_through_the_view(
    published, article, make_member, client_for
):
    assert isinstance(published.picture.storage, PrivateFileStorage)
    reader = client_for(make_member())
    page = reader.get(article.url).content.decode()
    assert f'src="{_url(published)}"' in page
    response = reader.get(_url(published))
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/jpeg", "image/png"}
    assert response["Cache-Control"] == "private, max-age=3600"


def test_the_api_gives_the_checked_address(published, article, make_member, client_for):
    items = client_for(make_member()).get(f"/api/v1/articles/{article.slug}/comments").json()
    urls = {item["id"]: item["picture_url"] for item in items["items"]}
    assert urls[published.pk] == _url(published)


def test_outsiders_are_refused(published, other_community, make_member, client_for):
    outsiders = [
        client_for(),  # anonymous
        client_for(make_member(other_community)),  # another community's member, here
        client_for(make_member(other_community), host="ra.localhost"),  # ...on their own host
    ]
    for client in outsiders:
        assert client.get(_url(published)).status_code == 404


def test_a_member_asking_on_another_communitys_host_is_refused(
    published, community, other_community, make_member, client_for
):
    both = make_member()
    membership_create(user=both, community=other_community)
    assert client_for(both).get(_url(published)).status_code == 200
    assert client_for(both, host="ra.localhost").get(_url(published)).status_code == 404


def test_a_waiting_comments_picture_is_only_for_its_author(article, make_member, client_for):
    author = make_member()  # a new member: the comment waits for a moderator
    comment = _post_picture(client_for(author), article, "Is this rash normal?")
    assert comment.visibility == Visibility.PENDING
    assert client_for(author).get(_url(comment)).status_code == 200
    assert client_for(make_member()).get(_url(comment)).status_code == 404


def test_the_migration_moves_existing_pictures_into_the_private_folder(published, settings):
    name = published.picture.name
    public_copy = default_storage.save(name, ContentFile(published.picture.read()))
    published.picture.storage.delete(name)
    assert public_copy == name
    migration = importlib.import_module(
        "alongside.articles.migrations.0007_comment_pictures_private_storage"
    )
    migration.to_private(apps, None)
    assert published.picture.storage.exists(name)
    assert not default_storage.exists(name)
