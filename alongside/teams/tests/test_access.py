"""The access matrix for the team pages and API routes."""

import json

import pytest

from alongside.conversations.tests.helpers import ROLES
from alongside.teams.models import TeamRequest
from alongside.teams.services import team_request_send

pytestmark = pytest.mark.django_db


def _expect(default, **overrides):
    return {role: overrides.get(role, default) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_the_team_page(world, client_for, role):
    expected = _expect(200, anonymous=302, other_community=404)
    assert client_for(world.user(role)).get("/team/").status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_team_api(world, client_for, role):
    expected = _expect(200, anonymous=401, other_community=404)
    assert client_for(world.user(role)).get("/api/v1/teams").status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_requesting_the_owner(world, client_for, role):
    """Everyone but the blocked member (and the owner, who cannot add themself) may ask."""
    response = client_for(world.user(role)).post(f"/team/add/{world.owner.public_id}/")
    expected = _expect(302, other_community=404, owner=404)
    assert response.status_code == expected[role]
    sent = TeamRequest.objects.filter(recipient=world.owner, status="pending").exists()
    assert sent is (role in {"outsider", "moderator"})


@pytest.mark.parametrize("role", ROLES)
def test_requesting_the_owner_through_the_api(world, client_for, role):
    body = json.dumps({"public_id": str(world.owner.public_id)})
    response = client_for(world.user(role)).post(
        "/api/v1/teams/requests", body, content_type="application/json"
    )
    expected = _expect(
        201, anonymous=401, other_community=404, owner=404, blocked=400, teammate=400
    )
    assert response.status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_answering_a_request_to_the_outsider(world, client_for, role):
    """Only the recipient accepts; only the sender could withdraw; others get 404."""
    request = team_request_send(
        sender=world.teammate, recipient=world.outsider, community=world.community
    )
    response = client_for(world.user(role)).post(f"/team/requests/{request.pk}/accept/")
    expected = _expect(404, anonymous=302, outsider=302, teammate=302)
    assert response.status_code == expected[role]
    request.refresh_from_db()
    assert (request.status == "accepted") is (role == "outsider")


@pytest.mark.parametrize("role", ROLES)
def test_answering_through_the_api(world, client_for, role):
    request = team_request_send(
        sender=world.teammate, recipient=world.outsider, community=world.community
    )
    response = client_for(world.user(role)).post(f"/api/v1/teams/requests/{request.pk}/accept")
    expected = _expect(404, anonymous=401, outsider=200, teammate=400)
    assert response.status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_blocking_through_the_api(world, client_for, role):
    body = json.dumps({"public_id": str(world.outsider.public_id)})
    response = client_for(world.user(role)).post(
        "/api/v1/teams/blocks", body, content_type="application/json"
    )
    expected = _expect(201, anonymous=401, other_community=404, outsider=404)
    assert response.status_code == expected[role]


def test_a_blocked_member_sees_no_action_to_reach_the_blocker(world, client_for):
    assert client_for(world.blocked).get(f"/members/{world.owner.public_id}/").status_code == 404
    html = client_for(world.owner).get(f"/members/{world.blocked.public_id}/").content.decode()
    assert "Unblock" in html and "Add to my team" not in html
