"""The daily check-in: one screen, any subset of symptoms, autosaved with htmx, editable,
yesterday fillable, never the future; entries show who made them."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from alongside.journal import services
from alongside.journal.models import AccessEntry, CheckIn
from alongside.journal.selectors import Access, journal_access_for, local_today

pytestmark = pytest.mark.django_db


def _day_url(journal, day) -> str:
    return f"/journal/{journal.public_id}/day/{day.isoformat()}/"


def test_the_journal_page_shows_todays_check_in_with_words_for_each_score(
    client_for, owner, journal
):
    page = client_for(owner).get(f"/journal/{journal.public_id}/").content.decode()
    assert "How are you today" in page
    for words in ("0 None", "1 A little", "2 Moderate", "3 A lot", "4 Severe"):
        assert words in page
    assert "Fatigue" in page and "Walking or balance" in page


def test_a_plain_form_post_saves_and_returns_to_the_journal(client_for, owner, journal):
    today = local_today(owner)
    response = client_for(owner).post(
        _day_url(journal, today), {"s_fatigue": "3", "s_pain": "1", "note": "Long day"}
    )
    assert response.status_code == 302
    checkin = CheckIn.objects.get(journal=journal, day=today)
    assert checkin.scores == {"fatigue": 3, "pain": 1} and checkin.note == "Long day"


def test_an_htmx_autosave_keeps_a_partial_check_in_and_says_it_is_saved(client_for, owner, journal):
    today = local_today(owner)
    response = client_for(owner).post(
        _day_url(journal, today), {"s_mood": "2"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Saved at" in response.content.decode()
    assert CheckIn.objects.get(journal=journal, day=today).scores == {"mood": 2}


def test_a_check_in_can_be_changed_later_and_keeps_one_row_per_day(client_for, owner, journal):
    today = local_today(owner)
    client = client_for(owner)
    client.post(_day_url(journal, today), {"s_fatigue": "4"})
    client.post(_day_url(journal, today), {"s_fatigue": "1"})
    assert list(CheckIn.objects.filter(journal=journal).values_list("scores", flat=True)) == [
        {"fatigue": 1}
    ]
    page = client.get(_day_url(journal, today)).content.decode()
    assert re.search(r'name="s_fatigue" value="1"[^>]*checked', page)


def test_yesterday_can_be_filled_in_today_but_tomorrow_cannot(client_for, owner, journal):
    today = local_today(owner)
    client = client_for(owner)
    assert (
        client.post(_day_url(journal, today - timedelta(days=1)), {"s_pain": "2"}).status_code
        == 302
    )
    assert client.get(_day_url(journal, today + timedelta(days=1))).status_code == 404
    assert not CheckIn.objects.filter(day=today + timedelta(days=1)).exists()


def test_a_score_outside_the_scale_or_an_untracked_symptom_is_refused(owner, journal):
    access = Access(journal, owner)
    today = local_today(owner)
    with pytest.raises(ValidationError):
        services.checkin_save(access=access, day=today, scores={"fatigue": 5}, note="")
    with pytest.raises(ValidationError):
        services.checkin_save(access=access, day=today, scores={"vision": 1}, note="")


def test_a_carer_entry_shows_who_made_it_and_is_in_the_owners_access_list(
    client_for, owner, journal, carer_for, community
):
    carer = carer_for(view=True, add=True, name="Sam").user
    today = local_today(owner)
    client_for(carer).post(_day_url(journal, today), {"s_fatigue": "2"})
    client_for(carer).get(f"/journal/{journal.public_id}/")
    page = client_for(owner).get(f"/journal/{journal.public_id}/").content.decode()
    assert "added by Sam" in page
    kinds = list(AccessEntry.objects.filter(journal=journal).values_list("who", "kind"))
    assert ("Sam", "added_checkin") in kinds and ("Sam", "viewed") in kinds


def test_a_carer_who_may_only_view_cannot_save_a_check_in(client_for, owner, journal, carer_for):
    carer = carer_for(view=True).user
    response = client_for(carer).post(_day_url(journal, local_today(owner)), {"s_fatigue": "2"})
    assert response.status_code == 404 and not CheckIn.objects.exists()


def test_own_symptoms_can_be_added_and_tracked(client_for, owner, journal):
    client = client_for(owner)
    client.post(
        f"/journal/{journal.public_id}/symptoms/",
        {"symptoms": ["fatigue", "vision"], "own_0": "Hiccups"},
    )
    journal.refresh_from_db()
    assert (
        journal.symptoms[:2] == ["fatigue", "vision"] and "Hiccups" in journal.own_symptoms.values()
    )
    assert "Hiccups" in client.get(f"/journal/{journal.public_id}/").content.decode()


def test_the_home_include_says_in_one_line_whether_today_is_done(rf, owner, journal, community):
    from django.template.loader import render_to_string

    from alongside.journal.selectors import today_state_for

    access = journal_access_for(
        viewer=owner, public_id=journal.public_id, community=community, need="view"
    )
    request = rf.get("/")
    before = render_to_string(
        "journal/includes/today.html",
        {"today": today_state_for(viewer=owner, community=community)},
        request=request,
    )
    services.checkin_save(access=access, day=local_today(owner), scores={}, note="ok")
    after = render_to_string(
        "journal/includes/today.html",
        {"today": today_state_for(viewer=owner, community=community)},
        request=request,
    )
    assert "not yet" in before and "done" in after


def test_each_journal_finds_its_own_day_scores_and_note_in_the_shared_form(
    community, client_for, owner, journal, make_member
):
    """The form is rendered once for the symptoms tracked and kept; the journal, the day, the
    ticks, the note and the saved line are each page's own."""
    import re

    other = make_member(display_name="Ash")
    theirs = services.journal_get_or_create(owner=other, community=community)
    today = local_today(owner)
    client_for(owner).post(_day_url(journal, today), {"s_fatigue": "3", "note": "Rowan's <day>"})

    def form(member, target) -> str:
        html = client_for(member).get(f"/journal/{target.public_id}/").content.decode()
        return (
            html.split('class="checkin-form"')[0][-120:]
            + html.split('class="checkin-form"')[1].split("</form>")[0]
        )

    mine, ash = form(owner, journal), form(other, theirs)
    assert f"/journal/{journal.public_id}/day/{today.isoformat()}/" in mine
    assert f"/journal/{theirs.public_id}/day/" in ash and str(journal.public_id) not in ash
    assert re.findall(r'name="s_fatigue" value="(\d)" checked', mine) == ["3"]
    assert " checked" not in ash
    assert "Rowan&#x27;s &lt;day&gt;</textarea>" in mine and "Rowan" not in ash
    assert "Saved at" in mine and "Saved at" not in ash
    assert "@@" not in mine + ash
