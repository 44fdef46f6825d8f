"""The member's own account through the JSON API: the same forms, services and audiences as
Settings, joining and onboarding, export and erasure."""

import io
import json
import zipfile

import pytest

from alongside.accounts.models import User
from alongside.communities.models import Membership
from alongside.conversations.tests.helpers import jpeg_bytes, upload
from alongside.teams.services import team_link_create
from alongside.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _json(client, method: str, path: str, data=None):
    body = json.dumps(data) if data is not None else None
    return getattr(client, method)(path, body, content_type="application/json")


def test_it_edits_the_profile_and_each_field_reaches_only_its_audience(
    community, make_member, client_for
):
    owner, teammate, member = make_member(), make_member(), make_member()
    team_link_create(community=community, a=owner, b=teammate)
    me = client_for(owner)
    edited = _json(
        me,
        "patch",
        "/api/v1/me/profile",
        {"display_name": "Sam", "region": "Leeds", "diagnosis_year": 2019},
    )
    assert edited.status_code == 200
    assert (edited.json()["name"], edited.json()["region"]) == ("Sam", "Leeds")
    audiences = _json(me, "get", "/api/v1/me/privacy").json()
    audiences.update(region_audience="team", diagnosis_year_audience="members")
    assert _json(me, "put", "/api/v1/me/privacy", audiences).status_code == 200
    path = f"/api/v1/community/members/{owner.public_id}"
    seen_by_team = client_for(teammate).get(path).json()
    seen_by_member = client_for(member).get(path).json()
    assert seen_by_team["region"] == "Leeds" and seen_by_member["region"] is None
    assert seen_by_member["diagnosis_year"] == 2019


def test_it_refuses_what_the_settings_page_refuses(community, make_member, client_for):
    me = client_for(make_member())
    future = _json(me, "patch", "/api/v1/me/profile", {"diagnosis_year": 2999})
    assert future.status_code == 400
    assert future.json() == {"detail": "The year of diagnosis cannot be in the future."}
    audiences = _json(me, "get", "/api/v1/me/privacy").json()
    audiences["about_audience"] = "public"
    refused = _json(me, "put", "/api/v1/me/privacy", audiences)
    assert refused.status_code == 400 and "public" in refused.json()["detail"]


def test_a_profile_picture_is_served_only_to_its_audience(community, make_member, client_for):
    owner, teammate, member = make_member(), make_member(), make_member()
    team_link_create(community=community, a=owner, b=teammate)
    me = client_for(owner)
    sent = me.post("/api/v1/me/profile/picture", {"picture": upload(jpeg_bytes(gps=True))})
    assert sent.status_code == 200 and sent.json()["avatar_url"].startswith("/api/v1/")
    audiences = _json(me, "get", "/api/v1/me/privacy").json()
    _json(me, "put", "/api/v1/me/privacy", {**audiences, "avatar_audience": "team"})
    picture = f"/api/v1/community/members/{owner.public_id}/picture"
    shown = client_for(teammate).get(picture)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert client_for(member).get(picture).status_code == 404
    assert client_for().get(picture).status_code == 401
    assert me.delete("/api/v1/me/profile/picture").status_code == 204
    assert client_for(teammate).get(picture).status_code == 404


def test_a_picture_asked_for_by_a_malformed_id_is_refused_not_an_error(
    community, make_member, client_for
):
    malformed = client_for(make_member()).get("/api/v1/community/members/0/picture")
    assert malformed.status_code == 422


def test_outsiders_get_nothing_from_the_account_routes(
    community, other_community, make_member, client_for
):
    elsewhere = client_for(make_member(other_community))
    for path in ("/api/v1/me/profile", "/api/v1/me/privacy"):
        assert client_for().get(path).status_code == 401
        assert elsewhere.get(path).status_code == 404
    assert _json(elsewhere, "patch", "/api/v1/me/profile", {"region": "x"}).status_code == 404


def test_an_account_joins_the_community_and_onboarding_follows(community, client_for):
    user = UserFactory()
    app = client_for(user)
    joined = app.post("/api/v1/community/join")
    assert joined.status_code == 201 and joined.json()["onboarding_step"] == "role"
    assert Membership.objects.filter(user=user, community=community).exists()
    for step in ("role", "diagnosis", "conditions", "name", "picture", "privacy"):
        state = app.post(f"/api/v1/me/onboarding/{step}").json()
    assert state == {
        "steps": ["role", "diagnosis", "conditions", "name", "picture", "privacy"],
        "next_step": None,
        "finished": True,
    }
    assert app.post("/api/v1/me/onboarding/nonsense").status_code == 404


def test_the_export_is_the_settings_zip(community, make_member, client_for):
    user = make_member(display_name="Zip Tester")
    response = client_for(user).post("/api/v1/me/export")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "Zip Tester" in "".join(
        archive.read(name).decode() for name in archive.namelist() if name.endswith(".json")
    )


def test_erasure_asks_for_the_password_again_and_ends_every_session(
    community, make_member, client_for
):
    user = make_member()
    me = client_for(user)
    wrong = _json(me, "post", "/api/v1/me/delete", {"password": "nope", "posts": "remove"})
    assert wrong.status_code == 403 and User.objects.filter(pk=user.pk).exists()
    odd = _json(me, "post", "/api/v1/me/delete", {"password": PASSWORD, "posts": "shred"})
    assert odd.status_code == 400
    done = _json(me, "post", "/api/v1/me/delete", {"password": PASSWORD, "posts": "remove"})
    assert done.status_code == 204 and not User.objects.filter(pk=user.pk).exists()
    assert me.get("/api/v1/me/profile").status_code == 401
