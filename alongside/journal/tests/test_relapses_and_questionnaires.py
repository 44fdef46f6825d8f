"""Relapses (with the pseudo-relapse explanation and the "tell your MS team" prompt in the
community's own words) and questionnaires (PHQ-9 item 9 shows the crisis response at once)."""

import pytest

from alongside.journal.instruments import instrument
from alongside.journal.models import JournalWording, QuestionnaireResponse, Relapse
from alongside.journal.selectors import local_today

pytestmark = pytest.mark.django_db


def _relapse_data(owner, **extra) -> dict:
    return {
        "started_on": local_today(owner).isoformat(),
        "what_changed": "Numb right hand",
        "over_24_hours": "yes",
        "fever": "no",
        "infection": "yes",
        "heat": "no",
        "team_told": "no",
        "steroids": "no",
        "recovery": "ongoing",
        **extra,
    }


def test_logging_a_relapse_prompts_gently_to_tell_the_ms_team_in_the_communitys_words(
    client_for, owner, journal, community
):
    JournalWording.objects.create(
        community=community, relapse_prompt="Call the MS nurse line on 0800 000 000."
    )
    response = client_for(owner).post(
        f"/journal/{journal.public_id}/relapses/new/", _relapse_data(owner)
    )
    page = response.content.decode()
    assert "Have you told your MS team?" in page
    assert "Call the MS nurse line on 0800 000 000." in page
    assert "pseudo-relapse" in page and "not a diagnosis" in page
    assert Relapse.objects.get(journal=journal).infection == "yes"


def test_the_relapse_form_explains_pseudo_relapses_without_diagnosing(client_for, owner, journal):
    page = client_for(owner).get(f"/journal/{journal.public_id}/relapses/new/").content.decode()
    assert "pseudo-relapse" in page and "Only your MS team can tell" in page


def test_a_relapse_cannot_start_in_the_future(client_for, owner, journal):
    from datetime import timedelta

    later = (local_today(owner) + timedelta(days=3)).isoformat()
    response = client_for(owner).post(
        f"/journal/{journal.public_id}/relapses/new/", _relapse_data(owner, started_on=later)
    )
    assert response.status_code == 400 and not Relapse.objects.exists()


def _phq9_post(item9: int) -> dict:
    data = {key: "0" for key, _text in instrument("phq9").items}
    return {**data, "q1": "2", "q2": "1", "q9": str(item9)}


def test_phq9_item_9_above_zero_shows_the_communitys_crisis_resources_at_once(
    client_for, owner, journal, community
):
    community.crisis_resources = "Samaritans: call 116 123, day or night."
    community.save()
    response = client_for(owner).post(
        f"/journal/{journal.public_id}/questionnaires/phq9/", _phq9_post(1)
    )
    page = response.content.decode()
    assert "You are not alone" in page and "Samaritans: call 116 123" in page
    saved = QuestionnaireResponse.objects.get(journal=journal)
    assert saved.safety_flag and saved.score == 4 and saved.band == "Minimal"
    home = client_for(owner).get(f"/journal/{journal.public_id}/").content.decode()
    assert "Samaritans: call 116 123" in home


def test_a_phq9_without_item_9_shows_the_score_only(client_for, owner, journal, community):
    community.crisis_resources = "Samaritans: call 116 123, day or night."
    community.save()
    page = (
        client_for(owner)
        .post(f"/journal/{journal.public_id}/questionnaires/phq9/", _phq9_post(0))
        .content.decode()
    )
    assert "PHQ-9: 3 out of 27 (Minimal)" in page and "Samaritans" not in page


def test_the_api_returns_crisis_resources_with_a_flagged_phq9(
    client_for, owner, journal, community
):
    community.crisis_resources = "Samaritans: call 116 123, day or night."
    community.save()
    answers = {key: int(value) for key, value in _phq9_post(2).items()}
    response = client_for(owner).post(
        f"/api/v1/journal/{journal.public_id}/questionnaires/phq9",
        {"answers": answers},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["crisis_resources"].startswith("Samaritans")


def test_an_incomplete_questionnaire_is_not_stored(client_for, owner, journal):
    data = _phq9_post(0)
    del data["q5"]
    response = client_for(owner).post(f"/journal/{journal.public_id}/questionnaires/phq9/", data)
    assert response.status_code == 400 and not QuestionnaireResponse.objects.exists()


def test_the_questionnaire_page_shows_the_copyright_line(client_for, owner, journal):
    page = client_for(owner).get(f"/journal/{journal.public_id}/questionnaires/gad7/")
    assert "No permission required to reproduce" in page.content.decode()
