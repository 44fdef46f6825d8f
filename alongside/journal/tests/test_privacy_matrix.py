"""Who may reach every journal page and API route: anonymous, another community's member, a
member of the same community, a teammate, a carer with each single permission, a revoked
carer, and the owner. Everyone without the permission a page needs gets a 404."""

import pytest

pytestmark = pytest.mark.django_db

VIEW, ADD, SUMMARISE, OWNER, ANY = "view", "add", "summarise", "owner", "any"
PEOPLE = (
    "outsider",
    "stranger",
    "teammate",
    "carer_view",
    "carer_add",
    "carer_summarise",
    "carer_revoked",
    "owner",
)
ALLOWED = {
    "owner": {VIEW, ADD, SUMMARISE, OWNER, ANY},
    "carer_view": {VIEW, ANY},
    "carer_add": {ADD, ANY},
    "carer_summarise": {SUMMARISE, ANY},
}
PAGES = [
    ("/journal/{j}/", ANY),
    ("/journal/{j}/day/{today}/", ADD),
    ("/journal/{j}/symptoms/", OWNER),
    ("/journal/{j}/relapses/", VIEW),
    ("/journal/{j}/relapses/new/", ADD),
    ("/journal/{j}/relapses/{relapse}/", ADD),
    ("/journal/{j}/trends/", VIEW),
    ("/journal/{j}/questionnaires/", VIEW),
    ("/journal/{j}/questionnaires/phq9/", OWNER),
    ("/journal/{j}/questions/", SUMMARISE),
    ("/journal/{j}/summaries/", SUMMARISE),
    ("/journal/{j}/summaries/{summary}/", SUMMARISE),
    ("/journal/{j}/summaries/{summary}/pdf/", SUMMARISE),
    ("/journal/{j}/carers/", OWNER),
    ("/journal/{j}/activity/", OWNER),
    ("/journal/{j}/settings/", OWNER),
]
API = [
    ("/api/v1/journal/{j}", ANY),
    ("/api/v1/journal/{j}/checkins", VIEW),
    ("/api/v1/journal/{j}/relapses", VIEW),
    ("/api/v1/journal/{j}/trends", VIEW),
    ("/api/v1/journal/{j}/questionnaires", VIEW),
    ("/api/v1/journal/{j}/questions", SUMMARISE),
    ("/api/v1/journal/{j}/summaries", SUMMARISE),
    ("/api/v1/journal/{j}/summaries/{summary}", SUMMARISE),
    ("/api/v1/journal/{j}/summaries/{summary}/links", OWNER),
    ("/api/v1/journal/{j}/carers", OWNER),
    ("/api/v1/journal/{j}/activity", OWNER),
]


def _url(template: str, journal, filled) -> str:
    return template.format(
        j=journal.public_id,
        today=filled["today"].isoformat(),
        relapse=filled["relapse"].pk,
        summary=filled["summary"].pk,
    )


def _mismatches(client, routes, journal, filled, allowed: set, refused: int) -> list:
    """Every route whose answer differs from 200 (allowed) or `refused`, with what came."""
    wrong = []
    for template, need in routes:
        status = client.get(_url(template, journal, filled)).status_code
        expected = 200 if need in allowed else refused
        if status != expected:
            wrong.append((template, status, expected))
    return wrong


@pytest.mark.parametrize("who", PEOPLE)
def test_it_lets_only_those_with_the_permission_open_each_page(
    client_for, people, journal, filled, who
):
    client = client_for(people[who])
    allowed = ALLOWED.get(who, set())
    assert _mismatches(client, PAGES, journal, filled, allowed, 404) == []


def test_it_sends_anonymous_visitors_to_log_in(client_for, journal, filled):
    for template, _need in PAGES:
        response = client_for().get(_url(template, journal, filled))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", PEOPLE)
def test_it_lets_only_those_with_the_permission_call_each_api_route(
    client_for, people, journal, filled, who
):
    client = client_for(people[who])
    allowed = ALLOWED.get(who, set())
    assert _mismatches(client, API, journal, filled, allowed, 404) == []


def test_it_refuses_anonymous_api_calls(client_for, journal, filled):
    assert _mismatches(client_for(), API, journal, filled, set(), 401) == []


def test_the_journal_start_page_refuses_a_member_of_another_community(client_for, people):
    assert client_for(people["outsider"]).get("/journal/").status_code == 404


def test_a_journal_is_not_reachable_from_another_communitys_site(client_for, owner, journal):
    response = client_for(owner, host="ra.localhost").get(f"/journal/{journal.public_id}/")
    assert response.status_code == 404
