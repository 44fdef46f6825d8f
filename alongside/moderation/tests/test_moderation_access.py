"""Who may use the moderation pages and API: the access matrix."""

import json

import pytest

from alongside.moderation.models import Report
from alongside.moderation.tests.personas import PERSONAS, people_around_an_owner
from alongside.questions.services import question_create

pytestmark = pytest.mark.django_db

MODERATOR_ONLY = {
    "anonymous": 302,
    "other_community": 404,
    "outsider": 404,
    "blocked": 404,
    "owner": 404,
    "moderator": 200,
}
# Anyone who can see the owner's question may report it; not the owner, not someone blocked.
MAY_REPORT = {
    "anonymous": 302,
    "other_community": 404,
    "outsider": 200,
    "blocked": 404,
    "owner": 404,
    "moderator": 200,
}


@pytest.fixture
def setting(community, other_community):
    people = people_around_an_owner(community, other_community)
    question = question_create(author=people.owner, community=community, title="Heat and fatigue")
    return people, question


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path", ["/moderation/", "/moderation/log/"])
def test_only_the_community_s_moderators_see_the_queue_and_log(setting, client_for, persona, path):
    people, _question = setting
    response = client_for(people.get(persona)).get(path)
    assert response.status_code == MODERATOR_ONLY[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_moderators_can_act(setting, client_for, persona):
    people, question = setting
    data = {"label": "questions.question", "pk": question.pk, "action": "hide"}
    response = client_for(people.get(persona)).post("/moderation/act/", data)
    expected = {**MODERATOR_ONLY, "moderator": 302}[persona]
    assert response.status_code == expected
    question.refresh_from_db()
    assert (question.visibility == "hidden") is (persona == "moderator")


@pytest.mark.parametrize("persona", PERSONAS)
def test_reporting_is_for_those_who_can_see_the_item(setting, client_for, persona):
    people, question = setting
    client = client_for(people.get(persona))
    path = f"/report/question/{question.pk}/"
    assert client.get(path).status_code == MAY_REPORT[persona]
    client.post(path, {"reason": "spam"})
    assert Report.objects.exists() is (MAY_REPORT[persona] == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_report_api_follows_the_same_rules(setting, client_for, persona):
    people, question = setting
    body = json.dumps({"kind": "question", "ref": str(question.pk), "reason": "harassment"})
    response = client_for(people.get(persona)).post(
        "/api/v1/moderation/reports", body, content_type="application/json"
    )
    expected = {**MAY_REPORT, "anonymous": 401, "outsider": 201, "moderator": 201}[persona]
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_queue_and_action_api_are_for_moderators(setting, client_for, persona):
    people, question = setting
    client = client_for(people.get(persona))
    expected = {**MODERATOR_ONLY, "anonymous": 401}[persona]
    assert client.get("/api/v1/moderation/queue").status_code == expected
    body = json.dumps({"label": "questions.question", "pk": question.pk, "action": "hide"})
    response = client.post("/api/v1/moderation/actions", body, content_type="application/json")
    assert response.status_code == {**MODERATOR_ONLY, "anonymous": 401, "moderator": 201}[persona]


def test_a_member_cannot_report_a_profile_of_another_community(setting, client_for):
    people, _question = setting
    path = f"/report/profile/{people.other_community.public_id}/"
    assert client_for(people.outsider).get(path).status_code == 404
    path = f"/report/profile/{people.owner.public_id}/"
    assert client_for(people.outsider).get(path).status_code == 200
