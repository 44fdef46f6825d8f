import re

import pytest

from alongside.communities.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(community, make_member):
    user = make_member(onboarding_step=0, onboarded_at=None, display_name="")
    return user


def test_it_shows_progress_and_starts_at_the_first_step(newcomer, client_for):
    client = client_for(newcomer)
    response = client.get("/welcome/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/welcome/role/"
    assert "Step 1 of 6" in page and '<progress max="6" value="1"' in page


def test_every_step_can_be_skipped_and_skipping_the_last_finishes(newcomer, client_for):
    client = client_for(newcomer)
    for step in ("role", "diagnosis", "conditions", "name", "picture", "privacy"):
        response = client.post(f"/welcome/{step}/", {"skip": "1"})
        assert response.status_code == 302
    newcomer.profile.refresh_from_db()
    assert newcomer.profile.onboarded_at is not None
    assert response["Location"] == "/"


def test_going_back_keeps_what_was_saved(newcomer, client_for):
    client = client_for(newcomer)
    client.post("/welcome/role/", {"role": Role.LOVED_ONE, "next": "1"})
    client.post("/welcome/diagnosis/", {"diagnosis_year": "2015", "back": "1"})
    role_page = client.get("/welcome/role/").content.decode()
    checked = re.search(r'<input[^>]*value="([a-z_]+)"[^>]*checked', role_page)
    assert checked and checked.group(1) == Role.LOVED_ONE
    assert 'value="2015"' in client.get("/welcome/diagnosis/").content.decode()


def test_conditions_are_saved_with_their_icd_10_cm_codes(newcomer, client_for):
    client_for(newcomer).post("/welcome/conditions/", {"conditions": ["fibromyalgia", "migraine"]})
    codes = set(newcomer.conditions.values_list("code", flat=True))
    assert codes == {"M79.7", "G43.909"}


def test_the_community_condition_itself_is_not_offered_as_another_condition(newcomer, client_for):
    page = client_for(newcomer).get("/welcome/conditions/").content.decode()
    assert 'value="fibromyalgia"' in page
    assert 'value="multiple-sclerosis"' not in page


def test_conditions_are_grouped_by_body_system_sorted_and_without_codes(newcomer, client_for):
    page = client_for(newcomer).get("/welcome/conditions/").content.decode()
    assert "<legend>Pain</legend>" in page and "<legend>Heart and circulation</legend>" in page
    heart = page.split("<legend>Heart and circulation</legend>")[1].split("</fieldset>")[0]
    slugs = re.findall(r'<input[^>]*value="([a-z0-9-]+)"', heart)
    expected = ["recent-heart-attack", "heart-block", "heart-failure", "high-blood-pressure"]
    assert slugs == [*expected, "stroke"]
    assert "(M79.7)" not in page and "(I10)" not in page


def test_a_condition_can_be_found_by_typing_its_name(newcomer, client_for):
    client = client_for(newcomer)
    page = client.get("/welcome/conditions/").content.decode()
    assert 'list="condition-names"' in page and '<option value="Migraine">' in page
    client.post("/welcome/conditions/", {"find": "migr", "conditions": ["fibromyalgia"]})
    assert set(newcomer.conditions.values_list("slug", flat=True)) == {"fibromyalgia", "migraine"}
    response = client.post("/welcome/conditions/", {"find": "dragon pox"})
    assert "No condition by that name" in response.content.decode()


def test_onboarding_asks_the_type_of_ms_and_keeps_it_to_the_member(
    newcomer, community, client_for, make_member
):
    client = client_for(newcomer)
    page = client.get("/welcome/diagnosis/").content.decode()
    assert "Which type of MS do you have?" in page
    for label in ("Relapsing-remitting MS", "Primary progressive MS", "Not sure yet"):
        assert label in page
    client.post("/welcome/diagnosis/", {"condition_type": "ppms", "diagnosis_year": "2019"})
    membership = newcomer.memberships.get(community=community)
    assert membership.condition_type == "ppms" and membership.condition_type_audience == "only_me"
    own = client.get(f"/members/{newcomer.public_id}/").content.decode()
    assert "Primary progressive MS" in own
    other = client_for(make_member()).get(f"/members/{newcomer.public_id}/").content.decode()
    assert "Primary progressive MS" not in other


def test_each_community_offers_its_own_types(other_community, make_member, client_for):
    ra_member = make_member(other_community, onboarding_step=0, onboarded_at=None)
    page = client_for(ra_member, host="ra.localhost").get("/welcome/diagnosis/").content.decode()
    assert "Which type of RA do you have?" in page and "Seropositive RA" in page
    assert "Relapsing-remitting MS" not in page


def test_the_privacy_step_asks_separately_about_community_figures(newcomer, client_for):
    page = client_for(newcomer).get("/welcome/privacy/").content.decode()
    assert "count me in community figures" in page.lower()
    client_for(newcomer).post(
        "/welcome/privacy/",
        {
            "profile-display_name_audience": "members",
            "profile-avatar_audience": "members",
            "profile-about_audience": "team",
            "profile-region_audience": "team",
            "profile-conditions_audience": "only_me",
            "profile-count_in_figures": "on",
            "membership-role_audience": "members",
            "membership-condition_type_audience": "only_me",
            "membership-diagnosis_year_audience": "only_me",
        },
    )
    newcomer.profile.refresh_from_db()
    assert newcomer.profile.count_in_figures is True


def test_public_is_not_offered_for_private_fields(newcomer, client_for):
    response = client_for(newcomer).post(
        "/welcome/privacy/",
        {"profile-about_audience": "public", "profile-display_name_audience": "public"},
    )
    assert "Select a valid choice" in response.content.decode()


def test_onboarding_needs_an_account(community, client_for):
    response = client_for().get("/welcome/role/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
