"""With the database unreachable: cached pages still served, every other request gets the
site's own page (JSON for the API), rendered without a query, and a failed POST gives the
member back what they typed."""

import pytest
from django.test import Client, RequestFactory

from alongside.core.errors import error_response
from alongside.testing.services import database_unreachable

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    """A client that receives the error page instead of the exception."""
    return Client(HTTP_HOST="localhost", raise_request_exception=False)


def test_it_serves_a_cached_anonymous_page_when_the_database_is_down(community, visitor):
    visitor.get("/")
    with database_unreachable():
        response = visitor.get("/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert community.name in response.content.decode()


def test_it_answers_its_own_page_in_the_community_style_when_the_database_is_down(
    community, visitor
):
    visitor.get("/")
    with database_unreachable():
        response = visitor.get("/questions/")
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert 'data-error-page="503"' in page and "We are back in a moment" in page
    assert f"<span>{community.name}</span>" in page and 'href="/theme.css"' in page


def test_it_answers_json_under_the_api_when_the_database_is_down(community, visitor):
    visitor.get("/")
    with database_unreachable():
        response = visitor.get("/api/v1/questions/")
    assert response.status_code == 503 and response["Content-Type"] == "application/json"
    assert "briefly unavailable" in response.json()["detail"]


def test_it_gives_back_the_text_a_member_posted_but_never_secrets(community, make_member, visitor):
    visitor.force_login(make_member())
    visitor.get("/")
    posted = {
        "body": 'My <script>alert("x")</script> day',
        "password": "hunter2-secret",
        "csrfmiddlewaretoken": "csrf-secret-value",
        "token": "token-secret-value",
        "audience": "members",
    }
    with database_unreachable():
        response = visitor.post("/feed/new/", posted)
    page = response.content.decode()
    assert response.status_code == 503
    assert "What you wrote was not saved yet" in page
    assert "My &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; day" in page
    assert "<script>alert" not in page
    for secret in ("hunter2-secret", "csrf-secret-value", "token-secret-value"):
        assert secret not in page


def test_it_renders_the_error_page_without_a_query(community, django_assert_num_queries):
    request = RequestFactory().post("/feed/new/", {"body": "Kept"}, HTTP_HOST="localhost")
    request.community = community
    with django_assert_num_queries(0):
        response = error_response(request=request, error=RuntimeError("a bug"))
    assert response.status_code == 500 and "Retry-After" not in response
    assert "Something went wrong on our side" in response.content.decode()
    assert "Kept" in response.content.decode()


def test_it_answers_its_own_page_without_a_community_when_even_the_host_is_unknown(visitor):
    with database_unreachable():
        response = visitor.get("/questions/")
    assert response.status_code == 503
    assert 'data-error-page="503"' in response.content.decode()
