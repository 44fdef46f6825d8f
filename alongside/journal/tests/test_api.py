"""The journal's JSON API uses the same services and rules as the pages."""

import pytest

from alongside.journal.models import CheckIn, Relapse, ShareLink
from alongside.journal.selectors import local_today

pytestmark = pytest.mark.django_db


def _api(journal, rest: str = "") -> str:
    return f"/api/v1/journal/{journal.public_id}{rest}"


def test_a_carer_who_may_add_saves_a_check_in_that_shows_who_made_it(
    client_for, owner, journal, carer_for
):
    carer = carer_for(add=True, name="Sam").user
    day = local_today(owner).isoformat()
    response = client_for(carer).put(
        _api(journal, f"/checkins/{day}"),
        {"scores": {"fatigue": 2}, "note": "Slept badly"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["made_by"] == "Sam"
    assert CheckIn.objects.get(journal=journal).scores == {"fatigue": 2}


def test_the_check_in_list_names_who_made_each_entry(client_for, owner, journal, carer_for):
    from datetime import timedelta

    carer = carer_for(add=True, view=True, name="Sam").user
    today = local_today(owner)
    for who, day in ((carer, today), (owner, today - timedelta(days=1))):
        saved = client_for(who).put(
            _api(journal, f"/checkins/{day.isoformat()}"),
            {"scores": {"fatigue": 1}, "note": ""},
            content_type="application/json",
        )
        assert saved.status_code == 200
    listed = client_for(owner).get(_api(journal, "/checkins")).json()
    made = {item["day"]: item["made_by"] for item in listed}
    assert made[today.isoformat()] == "Sam"
    assert made[(today - timedelta(days=1)).isoformat()] == owner.get_full_name()


def test_the_api_refuses_a_score_off_the_scale_with_the_services_words(client_for, owner, journal):
    response = client_for(owner).put(
        _api(journal, f"/checkins/{local_today(owner).isoformat()}"),
        {"scores": {"fatigue": 9}},
        content_type="application/json",
    )
    assert response.status_code == 400 and "0 (none) to 4 (severe)" in response.json()["detail"]


def test_a_view_only_carer_cannot_write_through_the_api(client_for, owner, journal, carer_for):
    carer = carer_for(view=True).user
    client = client_for(carer)
    day = local_today(owner).isoformat()
    put = client.put(
        _api(journal, f"/checkins/{day}"), {"scores": {}}, content_type="application/json"
    )
    post = client.post(
        _api(journal, "/relapses"),
        {"started_on": day, "what_changed": "x", "over_24_hours": "yes"},
        content_type="application/json",
    )
    assert (put.status_code, post.status_code) == (404, 404)
    assert not CheckIn.objects.exists() and not Relapse.objects.exists()


def test_a_new_relapse_through_the_api_carries_the_tell_your_team_prompt(
    client_for, owner, journal
):
    response = client_for(owner).post(
        _api(journal, "/relapses"),
        {
            "started_on": local_today(owner).isoformat(),
            "what_changed": "Dizzy spells",
            "over_24_hours": "yes",
            "fever": "yes",
        },
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 201 and body["maybe_pseudo"] and body["tell_your_team"]


def test_the_owner_makes_a_share_link_and_only_the_url_carries_the_token(
    client_for, owner, journal, filled
):
    client = client_for(owner)
    response = client.post(
        _api(journal, f"/summaries/{filled['summary'].pk}/links"),
        {"days": 7, "label": "Dr Shah"},
        content_type="application/json",
    )
    url = response.json()["url"]
    assert client_for().get(url).status_code == 200
    listed = client.get(_api(journal, f"/summaries/{filled['summary'].pk}/links")).json()
    assert listed[0]["url"] is None and ShareLink.objects.count() == 1
    client.delete(_api(journal, f"/links/{listed[0]['id']}"))
    assert client_for().get(url).status_code == 404


def test_the_summary_through_the_api_holds_the_concern_and_questions(
    client_for, owner, journal, filled
):
    body = client_for(owner).get(_api(journal, f"/summaries/{filled['summary'].pk}")).json()
    assert body["concern"] == "My walking is worse"
    assert body["questions"] == ["Should I change my dose?"]
    assert body["prepared_by_member"] is True
