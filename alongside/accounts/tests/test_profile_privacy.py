"""Each profile field and audience, seen by each kind of viewer (the privacy matrix)."""

import pytest

from alongside.accounts.services import member_conditions_set
from alongside.core.models import Audience
from alongside.teams.services import team_link_create

pytestmark = pytest.mark.django_db

FIELDS = {
    # field: (audience attribute, what the owner wrote, where the audience lives)
    "about": ("about_audience", "I knit through relapses.", "profile"),
    "region": ("region_audience", "Cumbria", "profile"),
    "conditions": ("conditions_audience", "Fibromyalgia", "profile"),
    "diagnosis_year": ("diagnosis_year_audience", "2011", "membership"),
    "role": ("role_audience", "I live with the condition", "membership"),
}
# audience -> which viewers see the field
EXPECTED = {
    Audience.MEMBERS: {"owner", "member", "teammate"},
    Audience.TEAM: {"owner", "teammate"},
    Audience.ONLY_ME: {"owner"},
}


@pytest.fixture
def people(community, other_community, make_member):
    owner = make_member(display_name="Ash", about="I knit through relapses.", region="Cumbria")
    member_conditions_set(user=owner, slugs=["fibromyalgia"])
    membership = owner.memberships.get()
    membership.diagnosis_year = 2011
    membership.save()
    teammate = make_member()
    team_link_create(community=community, a=owner, b=teammate)
    return {
        "owner": owner,
        "member": make_member(),
        "teammate": teammate,
        "other_community": make_member(other_community),
        "anonymous": None,
    }


def _set_audience(user, field: str, audience: str) -> None:
    attribute, _, where = FIELDS[field]
    target = user.profile if where == "profile" else user.memberships.get()
    setattr(target, attribute, audience)
    target.save()


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("audience", list(EXPECTED))
def test_each_viewer_sees_exactly_what_the_audience_allows(people, client_for, field, audience):
    owner = people["owner"]
    _set_audience(owner, field, audience)
    url = f"/members/{owner.public_id}/"
    value = FIELDS[field][1]
    for viewer_name, viewer in people.items():
        host = "localhost"
        response = client_for(viewer, host=host).get(url)
        sees = viewer_name in EXPECTED[audience]
        text = response.content.decode() if response.status_code == 200 else ""
        assert (value in text) is sees, f"{viewer_name} / {field} / {audience}"


def test_a_profile_with_nothing_public_is_not_found_for_visitors_and_outsiders(people, client_for):
    url = f"/members/{people['owner'].public_id}/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(people["other_community"]).get(url).status_code == 404


def test_a_public_display_name_is_the_only_thing_a_visitor_sees(people, client_for):
    owner = people["owner"]
    for field in FIELDS:
        _set_audience(owner, field, Audience.MEMBERS)
    owner.profile.display_name_audience = Audience.PUBLIC
    owner.profile.save()
    page = client_for(None).get(f"/members/{owner.public_id}/").content.decode()
    assert "Ash" in page
    assert all(FIELDS[field][1] not in page for field in FIELDS)


def test_members_see_a_hidden_display_name_as_an_anonymous_member(people, client_for):
    owner = people["owner"]
    owner.profile.display_name_audience = Audience.ONLY_ME
    owner.profile.save()
    page = client_for(people["member"]).get(f"/members/{owner.public_id}/").content.decode()
    assert "Ash" not in page
    assert "An Alongside MS member" in page


def test_a_member_of_another_community_cannot_see_a_profile_through_their_own_site(
    people, client_for
):
    # The owner is not a member of the RA community, so the RA site does not know them.
    url = f"/members/{people['owner'].public_id}/"
    assert client_for(people["other_community"], host="ra.localhost").get(url).status_code == 404


@pytest.mark.parametrize(
    ("preview", "visible", "hidden"),
    [
        ("visitor", [], ["Ash", "Cumbria", "I knit"]),
        ("member", ["Ash"], ["Cumbria", "I knit"]),
        ("team", ["Ash", "Cumbria", "I knit"], []),
    ],
)
def test_the_owner_previews_exactly_what_each_audience_sees(
    people, client_for, preview, visible, hidden
):
    owner = people["owner"]
    page = client_for(owner).get(f"/members/{owner.public_id}/?as={preview}").content.decode()
    main = page.split('<main id="main"', 1)[1]
    assert all(text in main for text in visible)
    assert all(text not in main for text in hidden)


def test_the_profile_api_applies_the_same_audiences(people, client_for):
    owner = people["owner"]
    url = f"/api/v1/community/members/{owner.public_id}"
    as_member = client_for(people["member"]).get(url).json()
    as_teammate = client_for(people["teammate"]).get(url).json()
    assert as_member["name"] == "Ash" and as_member["region"] is None
    assert as_teammate["region"] == "Cumbria"
    assert client_for(None).get(url).status_code == 401
    assert client_for(people["other_community"]).get(url).status_code == 404
