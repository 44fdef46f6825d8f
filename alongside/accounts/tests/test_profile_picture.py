"""Profile pictures are served through their audience, never from a public address."""

from pathlib import Path

import pytest

from alongside.accounts.services import profile_avatar_set
from alongside.core.models import Audience
from alongside.teams.services import team_link_create
from alongside.testing import pictures

pytestmark = pytest.mark.django_db

JPEG_START = b"\xff\xd8\xff"


@pytest.fixture
def owner(make_member):
    user = make_member(display_name="Ash")
    profile_avatar_set(profile=user.profile, upload=pictures.png())
    return user


def _audience(user, audience: str) -> None:
    user.profile.avatar_audience = audience
    user.profile.save(update_fields=["avatar_audience"])


def _picture(client, user):
    return client.get(f"/members/{user.public_id}/picture/")


@pytest.mark.parametrize("viewer", ["anonymous", "other_community", "member_not_in_team"])
def test_a_team_only_picture_is_refused_to_anyone_outside_the_team(
    owner, make_member, other_community, client_for, viewer
):
    _audience(owner, Audience.TEAM)
    who = {
        "anonymous": None,
        "other_community": make_member(other_community),
        "member_not_in_team": make_member(),
    }[viewer]
    response = _picture(client_for(who), owner)
    assert response.status_code == 404
    assert JPEG_START not in response.content


def test_teammates_and_the_owner_see_a_team_only_picture_kept_out_of_shared_caches(
    owner, community, make_member, client_for
):
    _audience(owner, Audience.TEAM)
    teammate = make_member()
    team_link_create(community=community, a=owner, b=teammate)
    for viewer in (teammate, owner):
        response = _picture(client_for(viewer), owner)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"].startswith("private")
        assert b"".join(response.streaming_content).startswith(JPEG_START)


def test_a_members_picture_is_refused_to_visitors_and_shown_to_members(
    owner, make_member, client_for
):
    _audience(owner, Audience.MEMBERS)
    assert _picture(client_for(), owner).status_code == 404
    assert _picture(client_for(make_member()), owner).status_code == 200


def test_a_public_picture_is_visible_to_anonymous_visitors(owner, client_for):
    _audience(owner, Audience.PUBLIC)
    response = _picture(client_for(), owner)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")


def test_no_picture_means_not_found(make_member, client_for):
    member = make_member()
    assert _picture(client_for(member), member).status_code == 404


def test_pages_show_the_picture_only_through_its_checked_address(owner, make_member, client_for):
    address = f"/members/{owner.public_id}/picture/?v="
    profile_page = client_for(make_member()).get(f"/members/{owner.public_id}/")
    settings_page = client_for(owner).get("/settings/profile/")
    for page in (profile_page, settings_page):
        html = page.content.decode()
        assert address in html
        assert "/media/avatars/" not in html


def test_a_visitor_sees_no_address_for_a_team_only_picture(owner, client_for):
    _audience(owner, Audience.TEAM)
    owner.profile.display_name_audience = Audience.PUBLIC
    owner.profile.save(update_fields=["display_name_audience"])
    html = client_for().get(f"/members/{owner.public_id}/").content.decode()
    assert "Ash" in html and f"/members/{owner.public_id}/picture/" not in html


def test_the_file_is_kept_outside_the_public_media_folder(owner, settings):
    name = owner.profile.avatar.name
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    assert (Path(settings.MEDIA_ROOT) / "private" / name).exists()


@pytest.mark.urls("alongside.accounts.tests.urls_with_media")
def test_development_media_serving_never_hands_out_a_private_picture(owner, client_for, settings):
    public = Path(settings.MEDIA_ROOT) / "original_images" / "hero.txt"
    public.parent.mkdir(parents=True, exist_ok=True)
    public.write_text("a public file")
    client = client_for()
    assert client.get("/media/original_images/hero.txt").status_code == 200
    name = owner.profile.avatar.name
    for path in (f"/media/{name}", f"/media/private/{name}", f"/media/x/../private/{name}"):
        assert client.get(path).status_code == 404, path
