"""Input that used to reach a 500: each class gives a 400 (JSON for the API) or a clean
result, on the web pages and the API alike (run on SQLite and PostgreSQL)."""

import json
import re

import pytest

from alongside.accounts.models import Profile
from alongside.communities.models import StaffRole
from alongside.conversations.models import Update
from alongside.core.models import Visibility
from alongside.questions.services import question_create

pytestmark = pytest.mark.django_db

# Cursors: beyond the last representable date, ids beyond a bigint, other digits, garbage.
BAD_CURSORS = [
    "99999999999999999999.1",
    "253402300800000000.1",
    "1." + "9" * 25,
    "1.99999999999999999999",
    "-5.-5",
    "²³.1",
    "1.2.3",
    "..",
    "0x10.1",
]
KEYSET_PAGES = [
    ("/feed/", "before"),
    ("/questions/", "before"),
    ("/messages/", "before"),
    ("/notifications/", "before"),
    ("/moderation/log/", "before"),
    ("/api/v1/updates", "before"),
    ("/api/v1/questions", "before"),
    ("/api/v1/messages", "before"),
]
# Syntax in SQLite FTS5 and PostgreSQL tsquery, and characters that are neither.
SEARCH_QUERIES = [
    '"',
    '"cooling',
    "cooling'",
    "cooling & vest",
    "cooling | vest",
    "!cooling",
    "cooling:*",
    "(cooling",
    "cooling)",
    "\\",
    "cooling\\",
    "NEAR(cooling vest)",
    "cooling AND",
    "OR vest",
    "*",
    "-cooling",
    "^cooling",
    "cooling:vest",
    "cool\x01ing",
    "\u202ecooling",
]


@pytest.fixture
def world(community, make_member):
    author = make_member(display_name="Wren", staff_role=StaffRole.MODERATOR)
    Update.objects.create(
        community=community, author=author, body="Cooling vest", visibility=Visibility.PUBLISHED
    )
    question_create(author=author, community=community, title="Cooling vests: which brand?")
    return {"member": make_member(), "author": author}


def _statuses(client, requests) -> dict:
    """{request: status} for each (path, params) pair, to assert on all of them at once."""
    return {(path, str(params)): client.get(path, params).status_code for path, params in requests}


def test_it_shows_the_first_page_for_a_cursor_it_cannot_read(world, client_for):
    requests = [(path, {name: cursor}) for path, name in KEYSET_PAGES for cursor in BAD_CURSORS]
    statuses = _statuses(client_for(world["author"]), requests)
    assert {status for status in statuses.values()} == {200}, statuses


def test_it_reads_a_bad_comment_or_answer_cursor_as_the_first_page(world, client_for):
    client = client_for(world["member"])
    update = Update.objects.get()
    question = update.author.questions.get()
    for cursor in BAD_CURSORS:
        comments = client.get(f"/api/v1/updates/{update.pk}/comments", {"after": cursor})
        answers = client.get(f"/api/v1/questions/{question.pk}", {"after": cursor})
        assert (comments.status_code, answers.status_code) == (200, 200), cursor
        assert answers.json()["title"] == "Cooling vests: which brand?"


ID_ROUTES = [
    "/updates/{}/",
    "/questions/{}/",
    "/messages/{}/",
    "/notifications/{}/",
    "/treatments/mine/{}/",
    "/api/v1/updates/{}",
    "/api/v1/questions/{}",
    "/api/v1/messages/{}",
]


def test_it_answers_not_found_for_an_id_out_of_range(world, client_for):
    client = client_for(world["member"])
    for template in ID_ROUTES:
        for pk in ["9" * 19, "9" * 30, "2147483648"]:
            response = client.get(template.format(pk))
            assert response.status_code == 404, template
            if template.startswith("/api/"):
                assert response.json() == {"detail": "Not Found"}
        comment = client.post(f"/articles/{'9' * 30}/comments/", {"text": "Thank you"})
        assert comment.status_code == 404


def test_it_answers_not_found_in_json_for_a_member_id_that_is_not_a_uuid(world, client_for):
    response = client_for(world["member"]).get("/api/v1/community/members/not-a-uuid")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_search_syntax_characters_give_a_clean_result_on_the_page(world, client_for):
    client = client_for(world["author"])
    for query in SEARCH_QUERIES:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, query
        if re.findall(r"\w+", query) == ["cooling"]:
            assert "Cooling vests: which brand?" in response.content.decode(), query


def test_search_syntax_characters_give_a_clean_result_in_the_api(world, client_for):
    client = client_for(world["author"])
    for query in SEARCH_QUERIES:
        response = client.get("/api/v1/search", {"q": query})
        similar = client.get("/api/v1/questions/similar", {"title": query})
        assert (response.status_code, similar.status_code) == (200, 200), query
        assert isinstance(response.json(), list)


def test_search_still_finds_words_around_syntax_characters(world, client_for):
    client = client_for(world["author"])
    both = client.get("/api/v1/search", {"q": '"cooling" | (!cooling:*)'}).json()
    assert {"question", "update"} <= {hit["kind"] for hit in both}
    update = client.get("/api/v1/search", {"q": '"cooling" & (vest)'}).json()
    assert "Cooling vest" in [hit["title"] for hit in update]


def test_a_nul_in_a_query_string_is_a_bad_request(world, client_for):
    client = client_for(world["member"])
    for path in ["/search/?q=cool%00ing", "/questions/?topic=%00", "/feed/?tab=every%00one"]:
        response = client.get(path)
        assert response.status_code == 400, path
        assert "We could not read that request" in response.content.decode()
    for path in ["/api/v1/search?q=cool%00ing", "/api/v1/questions?topic=%00"]:
        response = client.get(path)
        assert (response.status_code, response.json()) == (400, {"detail": "Bad request."})


UNSTORABLE_JSON = [
    '{"body": "cooling\\u0000vest"}',
    '{"body": "\\ud800"}',
    '{"body\\u0000": "cooling"}',
    '{"body": "cooling", "extra": ["\\u0000"]}',
    '{"body": NaN}',
]


def test_unstorable_text_in_a_json_body_is_a_bad_request(world, client_for):
    client = client_for(world["member"])
    for path in ["/api/v1/updates", "/api/v1/questions", "/api/v1/messages/start"]:
        for body in UNSTORABLE_JSON:
            response = client.post(path, body, content_type="application/json")
            assert response.status_code == 400, (path, body)
            assert response.json() == {"detail": "Cannot parse request body"}
    assert Update.objects.count() == 1


NUL_FORMS = [
    ("/feed/new/", {"body": "cooling\x00vest", "audience": "members"}),
    ("/questions/ask/", {"title": "Cooling\x00 vests?", "body": "Which one?"}),
    ("/settings/profile/", {"display_name": "Wr\x00en"}),
    ("/accounts/login/", {"login": "wren\x00@example.org", "password": "x"}),
]


def test_a_nul_in_a_form_post_is_a_bad_request(world, client_for):
    client = client_for(world["author"])
    for path, data in NUL_FORMS:
        response = client.post(path, data)
        assert response.status_code == 400, path
        assert "We could not read that request" in response.content.decode()
    for path, data in NUL_FORMS[:1]:
        multipart = client.post(path, {**data, "body": "cooling\x00"}, format="multipart")
        assert multipart.status_code == 400
    assert Update.objects.count() == 1


def test_a_multipart_post_without_a_boundary_is_a_bad_request(world, client_for):
    client = client_for(world["member"])
    page = client.post("/feed/new/", b"x", content_type="multipart/form-data")
    api = client.post("/api/v1/notifications/read", b"x", content_type="multipart/form-data")
    assert (page.status_code, api.status_code) == (400, 400)
    assert api.json() == {"detail": "Bad request."}


def test_other_control_characters_are_kept_out_of_harm_and_shown_escaped(world, client_for):
    client = client_for(world["author"])
    body = json.dumps({"body": "Cooling\x01\x1b[31m vest\x7f"})
    created = client.post("/api/v1/updates", body, content_type="application/json")
    assert created.status_code == 201
    page = client.get(f"/updates/{created.json()['id']}/")
    assert page.status_code == 200
    assert "Cooling" in page.content.decode()


def test_direction_and_control_characters_are_dropped_from_display_names(world, client_for):
    client = client_for(world["author"])
    for name in [
        "\u202eWren",
        "Wr\u2066en\u2069",
        "\u200fWren\u200e",
        "Wren\u061c",
        "\x07Wren\x1b",
    ]:
        data = {"about-display_name": name, "about-about": "", "about-region": ""}
        response = client.post("/settings/profile/", data)
        assert response.status_code == 302, name
        assert Profile.objects.get(user=world["author"]).display_name == "Wren"


def test_direction_controls_are_dropped_from_a_guest_commenters_name():
    from alongside.articles.forms import GuestForm

    form = GuestForm({"name": "\u202eAda\u202c", "email": "ada@example.org"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Ada"
