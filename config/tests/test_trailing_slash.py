"""A POST to an address without its trailing slash never loses what was posted: pages answer
with a 308 (same method, same body), the API with its own JSON 404 or 405."""

import pytest

from alongside.conversations.models import Update

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [False, True])
def test_a_page_post_without_the_slash_is_redirected_keeping_its_body(
    community, make_member, client_for, settings, debug
):
    settings.DEBUG = debug
    client = client_for(make_member())
    data = {"body": "Slow morning, steady afternoon.", "audience": "members"}
    first = client.post("/feed/new", data)
    assert first.status_code == 308
    assert first["Location"] == "/feed/new/"
    followed = client.post("/feed/new", data, follow=True)
    assert followed.redirect_chain[0] == ("/feed/new/", 308)
    assert Update.objects.filter(body="Slow morning, steady afternoon.").count() == 1


def test_a_get_without_the_slash_is_still_a_permanent_redirect(community, client_for):
    response = client_for().get("/questions")
    assert (response.status_code, response["Location"]) == (301, "/questions/")


@pytest.mark.parametrize("path", ["/api/v1/updates/", "/api/v1/nowhere", "/api/v1/updates/1/x"])
def test_an_api_post_to_an_unknown_address_is_the_apis_json_404(
    community, make_member, client_for, path
):
    client = client_for(make_member())
    response = client.post(path, {"body": "Hello"}, content_type="application/json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    assert not Update.objects.exists()


def test_an_api_route_asked_with_the_wrong_method_is_a_json_405(community, make_member, client_for):
    response = client_for(make_member()).put("/api/v1/updates", {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json() == {"detail": "Method not allowed."}
    assert "POST" in response["Allow"]
