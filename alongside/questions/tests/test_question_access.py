"""Who sees and does what with questions: the access matrix over every view and API route."""

import json

import pytest

from alongside.moderation.tests.personas import PERSONAS, people_around_an_owner
from alongside.questions.models import Answer, Question
from alongside.questions.services import answer_create, question_create

pytestmark = pytest.mark.django_db
SECRET = "Details only members may read"


@pytest.fixture
def setting(community, other_community):
    people = people_around_an_owner(community, other_community)
    question = question_create(
        author=people.owner, community=community, title="Heat and fatigue?", body=SECRET
    )
    answer = answer_create(author=people.owner, question=question, body="My own answer")
    return people, question, answer


@pytest.mark.parametrize("persona", PERSONAS)
def test_titles_are_public_and_details_only_for_members_who_may_see_them(
    setting, client_for, persona
):
    people, question, _answer = setting
    client = client_for(people.get(persona))
    listing = client.get("/questions/").content.decode()
    assert "Heat and fatigue?" in listing and SECRET not in listing
    response = client.get(question.get_absolute_url())
    sees_details = persona in {"outsider", "owner", "moderator"}
    assert response.status_code == (404 if persona == "blocked" else 200)
    assert (SECRET in response.content.decode()) is sees_details


@pytest.mark.parametrize("persona", PERSONAS)
def test_asking_needs_membership(setting, client_for, persona):
    people, _question, _answer = setting
    response = client_for(people.get(persona)).get("/questions/ask/")
    expected = {"anonymous": 302, "other_community": 404}.get(persona, 200)
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_answering_commenting_and_marking_helpful_need_sight_of_the_question(
    setting, client_for, persona
):
    people, question, answer = setting
    client = client_for(people.get(persona))
    may = persona in {"outsider", "moderator", "owner"}
    denied = {"anonymous": 302}.get(persona, 404)
    posts = [
        (f"/questions/{question.pk}/answers/", {"body": "Try a fan"}),
        (f"/answers/{answer.pk}/comments/", {"body": "Good point"}),
        (f"/answers/{answer.pk}/helpful/", {}),
    ]
    for path, data in posts:
        assert client.post(path, data).status_code == (302 if may else denied)
    assert Answer.objects.filter(body="Try a fan").exists() is may
    answer.refresh_from_db()
    assert answer.helpful_count == (1 if persona in {"outsider", "moderator"} else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_asker_chooses_the_best_answer(setting, client_for, persona):
    people, question, _answer = setting
    other = answer_create(author=people.outsider, question=question, body="Cool showers")
    client_for(people.get(persona)).post(f"/questions/{question.pk}/best/", {"answer": other.pk})
    question.refresh_from_db()
    assert (question.best_answer == other) is (persona == "owner")


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_shows_the_same_things_to_the_same_people(setting, client_for, persona):
    people, question, _answer = setting
    client = client_for(people.get(persona))
    listing = client.get("/api/v1/questions").json()
    assert listing["items"][0]["title"] == "Heat and fatigue?"
    response = client.get(f"/api/v1/questions/{question.pk}")
    assert response.status_code == (404 if persona == "blocked" else 200)
    sees_details = persona in {"outsider", "owner", "moderator"}
    assert (response.json().get("body") == SECRET) is sees_details


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_refuses_writes_from_those_who_may_not_write(setting, client_for, persona):
    people, question, answer = setting
    client = client_for(people.get(persona))
    ask = client.post(
        "/api/v1/questions",
        json.dumps({"title": "Cooling vests?"}),
        content_type="application/json",
    )
    expected_ask = {"anonymous": 401, "other_community": 404}.get(persona, 201)
    assert ask.status_code == expected_ask
    reply = client.post(
        f"/api/v1/questions/{question.pk}/answers",
        json.dumps({"body": "Try a fan"}),
        content_type="application/json",
    )
    may = persona in {"outsider", "moderator", "owner"}
    assert reply.status_code == (201 if may else {"anonymous": 401}.get(persona, 404))
    helpful = client.post(f"/api/v1/questions/answers/{answer.pk}/helpful")
    expected = {"anonymous": 401, "owner": 400}.get(persona, 200 if may else 404)
    assert helpful.status_code == expected
    assert Question.objects.filter(title="Cooling vests?").count() == (expected_ask == 201)
