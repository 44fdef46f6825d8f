"""The access matrix: every page and API route of updates, for everyone who might ask."""

import json

import pytest

from alongside.conversations.tests.helpers import ROLES

pytestmark = pytest.mark.django_db

ANON, OTHER, OUT, BLOCKED, OWNER, MOD, TEAM = ROLES


def _expect(default, **overrides):
    return {role: overrides.get(role, default) for role in ROLES}


MEMBERS_CAN_SEE = _expect(200, anonymous=302, other_community=404, blocked=404)
TEAM_ONLY = _expect(404, anonymous=302, owner=200, teammate=200)
OWNER_ONLY = _expect(404, anonymous=302, owner=200)
API_TEAM_ONLY = _expect(404, anonymous=401, owner=200, teammate=200)

CASES = [
    ("feed", "get", lambda w: "/feed/", _expect(200, anonymous=302, other_community=404)),
    ("members update", "get", lambda w: w.members_update.get_absolute_url(), MEMBERS_CAN_SEE),
    ("team update", "get", lambda w: w.team_update.get_absolute_url(), TEAM_ONLY),
    ("picture", "get", lambda w: _picture_url(w), MEMBERS_CAN_SEE),
    ("edit", "get", lambda w: f"/updates/{w.members_update.pk}/edit/", OWNER_ONLY),
    ("delete page", "get", lambda w: f"/updates/{w.members_update.pk}/delete/", OWNER_ONLY),
    (
        "hug a team update",
        "post",
        lambda w: f"/updates/{w.team_update.pk}/react/hug/",
        _expect(404, anonymous=302, owner=302, teammate=302),
    ),
    (
        "comment on a team update",
        "post",
        lambda w: f"/updates/{w.team_update.pk}/comments/",
        _expect(404, anonymous=302, owner=302, teammate=302),
    ),
    (
        "api feed",
        "get",
        lambda w: "/api/v1/updates",
        _expect(200, anonymous=401, other_community=404),
    ),
    ("api team update", "get", lambda w: f"/api/v1/updates/{w.team_update.pk}", API_TEAM_ONLY),
    (
        "api hug",
        "post",
        lambda w: f"/api/v1/updates/{w.team_update.pk}/reactions/hug",
        API_TEAM_ONLY,
    ),
    (
        "api comments",
        "get",
        lambda w: f"/api/v1/updates/{w.team_update.pk}/comments",
        API_TEAM_ONLY,
    ),
    (
        "api comment",
        "post",
        lambda w: f"/api/v1/updates/{w.team_update.pk}/comments",
        _expect(404, anonymous=401, owner=201, teammate=201),
    ),
    (
        "api post update",
        "post",
        lambda w: "/api/v1/updates",
        _expect(201, anonymous=401, other_community=404),
    ),
]


def _picture_url(world) -> str:
    picture = world.members_update.pictures.get()
    return f"/updates/{world.members_update.pk}/pictures/{picture.pk}/feed/"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "expected"), CASES, ids=[c[0] for c in CASES])
def test_access_matrix(world, client_for, role, name, method, url, expected):
    client = client_for(world.user(role))
    path = url(world)
    if method == "get":
        response = client.get(path)
    elif path.startswith("/api/"):
        body = json.dumps({"body": "Thinking of you", "audience": "members"})
        response = client.post(path, body, content_type="application/json")
    else:
        response = client.post(path, {"body": "Thinking of you"})
    assert response.status_code == expected[role], f"{name} as {role}"


@pytest.mark.parametrize(
    ("role", "sees_members", "sees_team"),
    [
        ("outsider", True, False),
        ("moderator", True, False),
        ("teammate", True, True),
        ("owner", True, True),
        ("blocked", False, False),
    ],
)
def test_the_feed_honours_audience_and_blocks(world, client_for, role, sees_members, sees_team):
    html = client_for(world.user(role)).get("/feed/").content.decode()
    assert ("A good day in the garden." in html) is sees_members
    assert ("Only for my team: a hard night." in html) is sees_team


def test_a_blocked_member_sees_neither_profile_nor_comments_of_the_blocker(world, client_for):
    from alongside.conversations.services import comment_create, update_create

    someone_elses = update_create(author=world.outsider, community=world.community, body="Hi all")
    comment_create(author=world.owner, update=someone_elses, body="Words of the blocker")
    assert client_for(world.blocked).get(f"/members/{world.owner.public_id}/").status_code == 404
    as_blocked = client_for(world.blocked).get(someone_elses.get_absolute_url()).content.decode()
    as_outsider = client_for(world.outsider).get(someone_elses.get_absolute_url()).content.decode()
    assert "Words of the blocker" not in as_blocked
    assert "Words of the blocker" in as_outsider


def test_the_picture_is_served_privately(world, client_for):
    response = client_for(world.outsider).get(_picture_url(world))
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize("role", ROLES)
def test_posting_pictures_through_the_api(world, client_for, role):
    from alongside.conversations.tests.helpers import jpeg_bytes, upload

    response = client_for(world.user(role)).post(
        "/api/v1/updates/with-pictures",
        {"body": "With a photo", "alt_text": ["A cat"], "pictures": [upload(jpeg_bytes(gps=True))]},
    )
    expected = _expect(201, anonymous=401, other_community=404)
    assert response.status_code == expected[role]
    if expected[role] == 201:
        assert response.json()["pictures"][0]["alt_text"] == "A cat"


def test_the_api_refuses_a_polyglot_picture(world, client_for):
    from alongside.conversations.tests.helpers import png_bytes, upload

    polyglot = upload(png_bytes() + b"<script>alert(1)</script>", "x.png", "image/png")
    response = client_for(world.outsider).post(
        "/api/v1/updates/with-pictures", {"body": "x", "pictures": [polyglot]}
    )
    assert response.status_code == 400
    assert "not a plain picture" in response.json()["detail"]
