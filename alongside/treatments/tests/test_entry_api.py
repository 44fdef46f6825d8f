"""Treatment entries through the JSON API: the entry page's form and service, the clash
warning before saving (409 until confirmed), side-effect reports, and only one's own."""

import json

import pytest

from alongside.treatments.models import MemberTreatment

pytestmark = pytest.mark.django_db
MINE = "/api/v1/treatments/mine"


def _send(client, method: str, path: str, data: dict):
    return getattr(client, method)(path, json.dumps(data), content_type="application/json")


def test_adding_tramadol_after_ldn_answers_409_with_the_clash_until_confirmed(
    community, kb, make_member, client_for
):
    me = client_for(make_member())
    ldn = _send(me, "post", MINE, {"treatment": "low-dose-naltrexone", "dose": 4.5, "unit": "mg"})
    assert ldn.status_code == 201 and ldn.json()["dose"] == "4.5 mg"
    warned = _send(me, "post", MINE, {"treatment": "tramadol", "dose": 50, "unit": "mg"})
    assert warned.status_code == 409
    clash = warned.json()["clashes"][0]
    assert {clash["first"], clash["second"]} == {"Low-dose naltrexone", "Tramadol"}
    assert not MemberTreatment.objects.filter(treatment__slug="tramadol").exists()
    saved = _send(
        me, "post", MINE, {"treatment": "tramadol", "dose": 50, "unit": "mg", "confirm": True}
    )
    assert saved.status_code == 201 and saved.json()["clashes"]


def test_an_entry_carries_its_side_effect_report_and_can_be_edited_and_deleted(
    community, kb, make_member, client_for
):
    me = client_for(make_member())
    added = _send(
        me,
        "post",
        MINE,
        {
            "treatment": "low-dose-naltrexone",
            "effectiveness": 4,
            "side_effects": {"Dizziness": "mild", "Itchy skin": "moderate"},
        },
    ).json()
    assert added["effectiveness"] == 4
    assert added["side_effects"] == {"Dizziness": "mild", "Itchy skin": "moderate"}
    path = f"{MINE}/{added['id']}"
    edited = _send(me, "put", path, {"stopped_on": "2026-01-01", "started_on": "2026-02-01"})
    assert edited.status_code == 400
    assert edited.json()["detail"] == "The stop date is before the start date: check both dates."
    assert me.delete(path).status_code == 204
    assert me.get(MINE).json() == []


def test_nobody_else_reaches_a_members_entries(
    community, other_community, kb, make_member, client_for
):
    owner = make_member()
    entry = _send(client_for(owner), "post", MINE, {"treatment": "tramadol"}).json()
    path = f"{MINE}/{entry['id']}"
    assert client_for(make_member()).delete(path).status_code == 404
    assert _send(client_for(make_member()), "put", path, {"dose": 1}).status_code == 404
    assert client_for(make_member(other_community)).get(MINE).status_code == 404
    assert client_for().post(MINE, "{}", content_type="application/json").status_code == 401


def test_the_treatment_list_and_search_are_public(community, kb, client_for):
    listed = client_for().get("/api/v1/treatments").json()
    assert "tramadol" in [item["slug"] for item in listed]
    found = client_for().get("/api/v1/treatments/search", {"q": "tramadl"}).json()
    assert found[0]["slug"] == "tramadol"
    assert client_for().get("/api/v1/treatments/search", {"q": ""}).status_code == 400


def test_treatment_searches_read_the_names_once_per_version_of_the_knowledge_base(
    community, kb, client_for, django_assert_num_queries
):
    client = client_for()
    client.get("/api/v1/treatments/search", {"q": "zz"})  # the community and the names, read
    for query, least in (("tramadol", 1), ("in", 5), ("tramadol", 1)):
        with django_assert_num_queries(0):
            found = client.get("/api/v1/treatments/search", {"q": query}).json()
        assert len(found) >= least
        assert all(item["treatment_class"] for item in found if item["slug"] == "tramadol")


def test_an_unpublished_treatment_leaves_the_search_at_once(community, kb, client_for):
    from alongside.treatments.models import Treatment

    def slugs() -> list[str]:
        found = client_for().get("/api/v1/treatments/search", {"q": "tramadol"}).json()
        return [item["slug"] for item in found]

    assert "tramadol" in slugs()
    Treatment.objects.get(slug="tramadol").unpublish()
    assert "tramadol" not in slugs()
