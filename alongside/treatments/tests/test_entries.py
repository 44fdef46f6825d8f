"""Adding, resuming and editing treatment entries, with clash warnings before saving."""

import re
from datetime import date

import pytest

from alongside.accounts.services import member_conditions_set
from alongside.treatments.models import MemberTreatment, Treatment
from alongside.treatments.services import ClashesFound, treatment_entry_save

pytestmark = pytest.mark.django_db
VALUES = {"dose": "4.5", "unit": "mg", "audience": "members"}


@pytest.fixture
def ldn(kb):
    return Treatment.objects.get(slug="low-dose-naltrexone")


@pytest.fixture
def on_tramadol(community, make_member, entry_for):
    user = make_member()
    entry_for(user, community, "tramadol", dose=50)
    return user


def test_adding_ldn_while_taking_tramadol_raises_the_clash_and_saves_nothing(
    community, ldn, on_tramadol
):
    with pytest.raises(ClashesFound) as found:
        treatment_entry_save(user=on_tramadol, community=community, treatment=ldn, values=VALUES)
    clash = found.value.clashes[0]
    assert clash.severity == "contraindicated"
    assert {clash.first, clash.second} == {"Low-dose naltrexone", "Tramadol"}
    assert clash.citations[0].url.startswith("https://")
    assert not MemberTreatment.objects.filter(treatment=ldn).exists()


def test_confirming_saves_the_entry_and_remembers_the_clash(community, ldn, on_tramadol):
    entry = treatment_entry_save(
        user=on_tramadol, community=community, treatment=ldn, values=VALUES, confirmed=True
    )
    assert entry.clash_acknowledged and entry.dose_label == "4.5 mg"


def test_ldn_clashes_with_liver_failure(community, ldn, make_member):
    user = make_member()
    member_conditions_set(user=user, slugs=["liver-failure"])
    with pytest.raises(ClashesFound) as found:
        treatment_entry_save(user=user, community=community, treatment=ldn, values=VALUES)
    assert found.value.clashes[0].second == "Liver failure"


def test_a_stopped_tramadol_does_not_clash(community, ldn, make_member, entry_for):
    user = make_member()
    entry_for(user, community, "tramadol", stopped=date(2025, 3, 1))
    entry = treatment_entry_save(user=user, community=community, treatment=ldn, values=VALUES)
    assert not entry.clash_acknowledged


def test_resuming_a_stopped_entry_checks_for_clashes(community, ldn, on_tramadol, entry_for):
    stopped = entry_for(on_tramadol, community, "low-dose-naltrexone", stopped=date(2025, 3, 1))
    with pytest.raises(ClashesFound):
        treatment_entry_save(
            user=on_tramadol, community=community, treatment=ldn, values=VALUES, entry=stopped
        )


def test_the_form_warns_before_saving_and_keeps_what_was_typed(
    client_for, community, ldn, on_tramadol
):
    client = client_for(on_tramadol)
    form = {
        "dose": "4.5",
        "unit": "mg",
        "schedule": "daily",
        "step_1_dose": "1.5",
        "step_1_from": "2025-01-01",
        "audience": "team",
        "effect_0": "mild",
    }
    response = client.post("/treatments/mine/add/low-dose-naltrexone/", form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Talk to your doctor or pharmacist" in html and "Save anyway" in html
    assert "Do not combine" in html and "What to do:" in html and "Source:" in html
    assert 'value="1.5"' in html and 'value="2025-01-01"' in html
    assert not MemberTreatment.objects.filter(treatment=ldn).exists()
    saved = client.post("/treatments/mine/add/low-dose-naltrexone/", {**form, "confirm": "yes"})
    assert saved.status_code == 302
    entry = MemberTreatment.objects.get(treatment=ldn)
    assert entry.audience == "team"
    assert entry.titration == [{"dose": "1.5", "unit": "mg", "from": "2025-01-01"}]
    assert entry.report.side_effects.get().severity == "mild"


def test_the_clash_stays_visible_on_the_members_list(client_for, community, ldn, on_tramadol):
    treatment_entry_save(
        user=on_tramadol, community=community, treatment=ldn, values=VALUES, confirmed=True
    )
    html = client_for(on_tramadol).get("/treatments/mine/").content.decode()
    assert "possible clash" in html and "Talk to your doctor or pharmacist" in html


def test_a_form_with_a_mistake_comes_back_with_a_message(client_for, community, kb, make_member):
    response = client_for(make_member()).post(
        "/treatments/mine/add/baclofen/",
        {
            "dose": "10",
            "started_on": "2025-05-01",
            "stopped_on": "2025-01-01",
            "audience": "members",
        },
    )
    assert response.status_code == 400
    assert "The stop date is before the start date: check both dates." in response.content.decode()


def test_a_start_date_in_the_future_is_refused_with_a_clear_message(
    client_for, community, kb, make_member
):
    member = make_member()
    response = client_for(member).post(
        "/treatments/mine/add/baclofen/", {"dose": "10", "started_on": "2099-01-01"}
    )
    assert response.status_code == 400
    assert "The start date is in the future" in response.content.decode()
    assert not MemberTreatment.objects.filter(user=member).exists()


def test_a_new_entry_is_only_for_the_member_until_they_widen_it(
    client_for, community, kb, make_member
):
    member = make_member()
    client = client_for(member)
    form = client.get("/treatments/mine/add/baclofen/").content.decode()
    assert re.search(r'<input[^>]*value="only_me"[^>]*checked', form)
    # What the browser sends with the form as it came: the checked choice.
    data = {"dose": "10", "started_on": "2025-01-01", "audience": "only_me"}
    client.post("/treatments/mine/add/baclofen/", data)
    assert MemberTreatment.objects.get(user=member).audience == "only_me"


def test_search_tolerates_typos_and_brand_names(client_for, kb, make_member):
    client = client_for(make_member())
    for query, expected in (
        ("naltrexon", "Low-dose naltrexone"),
        ("ocrevus", "Ocrelizumab"),
        ("bacloffen", "Baclofen"),
        ("LDN", "Low-dose naltrexone"),
        ("gabapentine", "Gabapentin"),
    ):
        html = client.get("/treatments/mine/add/", {"q": query}).content.decode()
        assert expected in html, query
    assert "Baclofen" in client.get("/treatments/search/", {"q": "baklofen"}).content.decode()


def test_a_member_edits_and_removes_an_entry(client_for, community, make_member, entry_for):
    user = make_member()
    entry = entry_for(user, community, "baclofen", dose=10)
    client = client_for(user)
    page = client.get(f"/treatments/mine/{entry.pk}/").content.decode()
    assert 'value="10"' in page
    client.post(
        f"/treatments/mine/{entry.pk}/", {"dose": "20", "unit": "mg", "audience": "only_me"}
    )
    entry.refresh_from_db()
    assert entry.dose_label == "20 mg" and entry.audience == "only_me"
    client.post(f"/treatments/mine/{entry.pk}/delete/")
    assert not MemberTreatment.objects.filter(pk=entry.pk).exists()
