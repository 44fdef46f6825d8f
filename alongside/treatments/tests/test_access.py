"""Who may reach each treatments page and API route: anonymous, a member of another
community, a member who is not in the owner's team, a teammate, and the owner."""

import pytest

from alongside.teams.services import team_link_create
from alongside.treatments.models import MemberTreatment

pytestmark = pytest.mark.django_db
PUBLIC = (
    "/treatments/",
    "/treatments/low-dose-naltrexone/",
    "/treatments/check/?treatments=tramadol&treatments=low-dose-naltrexone",
    "/treatments/search/?q=ldn",
    "/api/v1/treatments/low-dose-naltrexone",
    "/api/v1/treatments/check?treatments=tramadol&treatments=low-dose-naltrexone",
)
MEMBERS_ONLY = ("/treatments/mine/", "/treatments/mine/add/", "/treatments/mine/add/baclofen/")


@pytest.fixture
def people(community, other_community, make_member, entry_for):
    owner = make_member(display_name="Owner")
    stranger = make_member(display_name="Stranger")
    teammate = make_member(display_name="Teammate")
    team_link_create(community=community, a=owner, b=teammate)
    outsider = make_member(other_community)
    entries = {
        audience: entry_for(owner, community, slug, dose=1, audience=audience)
        for audience, slug in (
            ("members", "baclofen"),
            ("team", "gabapentin"),
            ("only_me", "modafinil"),
        )
    }
    return {
        "owner": owner,
        "stranger": stranger,
        "teammate": teammate,
        "outsider": outsider,
        "entries": entries,
    }


@pytest.mark.parametrize("url", PUBLIC)
@pytest.mark.parametrize("who", [None, "outsider", "stranger", "owner"])
def test_public_pages_and_routes_answer_everyone(client_for, kb, people, url, who):
    assert client_for(people.get(who)).get(url).status_code == 200


@pytest.mark.parametrize("url", MEMBERS_ONLY)
def test_member_pages_send_anonymous_visitors_to_log_in(client_for, kb, url):
    response = client_for().get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", MEMBERS_ONLY)
def test_member_pages_refuse_a_member_of_another_community(client_for, kb, people, url):
    assert client_for(people["outsider"]).get(url).status_code == 404


@pytest.mark.parametrize("url", MEMBERS_ONLY)
def test_member_pages_open_for_a_member(client_for, kb, people, url):
    assert client_for(people["owner"]).get(url).status_code == 200


@pytest.mark.parametrize("who", [None, "outsider", "stranger", "teammate"])
def test_only_the_owner_may_edit_or_delete_an_entry(client_for, kb, people, who):
    entry = people["entries"]["members"]
    client = client_for(people.get(who))
    expected = 302 if who is None else 404
    assert client.get(f"/treatments/mine/{entry.pk}/").status_code == expected
    assert client.post(f"/treatments/mine/{entry.pk}/delete/").status_code == expected
    assert client.post(f"/treatments/mine/{entry.pk}/", {"dose": "99"}).status_code == expected
    entry.refresh_from_db()
    assert entry.dose_label == "1 mg"


def test_the_owner_edits_their_entry(client_for, kb, people):
    entry = people["entries"]["members"]
    assert client_for(people["owner"]).get(f"/treatments/mine/{entry.pk}/").status_code == 200


def test_the_api_lists_only_the_members_own_entries(client_for, kb, people):
    assert client_for().get("/api/v1/treatments/mine").status_code == 401
    assert client_for(people["outsider"]).get("/api/v1/treatments/mine").status_code == 404
    assert client_for(people["stranger"]).get("/api/v1/treatments/mine").json() == []
    mine = client_for(people["owner"]).get("/api/v1/treatments/mine").json()
    assert sorted(item["treatment"] for item in mine) == ["baclofen", "gabapentin", "modafinil"]


def test_the_api_check_returns_the_clash_with_its_source(client_for, kb):
    body = (
        client_for()
        .get("/api/v1/treatments/check?treatments=tramadol&treatments=low-dose-naltrexone")
        .json()
    )
    assert body["clashes"][0]["severity"] == "contraindicated"
    assert len(body["clashes"]) == 1  # both directions and every document folded into one
    sources = body["clashes"][0]["sources"]
    assert sources[0]["url"].startswith("https://dailymed.nlm.nih.gov/")
    assert sources[0]["label"].startswith("US prescribing information for Naltrexone tablets")
    assert "doctor or pharmacist" in body["advice"]


def test_the_api_detail_is_per_community(client_for, kb):
    body = client_for().get("/api/v1/treatments/low-dose-naltrexone").json()
    assert body["name"] == "Low-dose naltrexone" and body["figures"]["k"] == 10
    assert client_for(host="ra.localhost").get("/api/v1/treatments/ocrelizumab").status_code == 404


def _profile_html(client, owner) -> str:
    return client.get(f"/members/{owner.public_id}/").content.decode()


@pytest.mark.parametrize(
    ("who", "seen"),
    [
        ("stranger", {"Baclofen"}),
        ("teammate", {"Baclofen", "Gabapentin"}),
        ("owner", {"Baclofen", "Gabapentin", "Modafinil"}),
    ],
)
def test_the_profile_shows_only_entries_the_viewer_may_see(client_for, kb, people, who, seen):
    html = _profile_html(client_for(people[who]), people["owner"])
    shown = {name for name in ("Baclofen", "Gabapentin", "Modafinil") if name in html}
    assert shown == seen


@pytest.mark.parametrize("who", [None, "outsider"])
def test_the_profile_shows_no_entries_to_visitors_or_other_communities(client_for, kb, people, who):
    response = client_for(people.get(who)).get(f"/members/{people['owner'].public_id}/")
    assert "Baclofen" not in response.content.decode()


def test_the_owners_preview_as_a_member_hides_team_entries(client_for, kb, people):
    client = client_for(people["owner"])
    html = client.get(f"/members/{people['owner'].public_id}/?as=member").content.decode()
    assert "Baclofen" in html and "Gabapentin" not in html and "Modafinil" not in html


def test_an_entry_can_never_be_public(kb, people):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        MemberTreatment.objects.filter(pk=people["entries"]["members"].pk).update(audience="public")


def test_the_api_warns_a_member_before_they_add_a_treatment_or_a_condition(
    client_for, kb, people, community, entry_for
):
    entry_for(people["owner"], community, "low-dose-naltrexone")
    url = "/api/v1/treatments/warnings?treatment=oxycodone&conditions=acute-hepatitis"
    assert client_for().get(url).status_code == 401
    assert client_for(people["outsider"]).get(url).status_code == 404

    body = client_for(people["owner"]).get(url).json()
    found = {(c["first"], c["second"]): c["severity"] for c in body["clashes"]}
    assert found[("Oxycodone", "Gabapentin")] == "major"
    assert found[("Oxycodone", "Low-dose naltrexone")] == "contraindicated"
    assert found[("Low-dose naltrexone", "Acute hepatitis")] == "moderate"
    assert len(body["clashes"]) == len(found)  # one warning per clash
    assert all(c["sources"] for c in body["clashes"])
