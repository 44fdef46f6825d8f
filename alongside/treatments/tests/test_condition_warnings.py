"""Adding a condition warns about clashes with the member's current treatments, before saving,
in Settings and in onboarding."""

import pytest

from alongside.accounts.selectors import member_condition_slugs


@pytest.fixture
def on_ldn(kb, make_member, entry_for, community):
    member = make_member()
    entry_for(member, community, "low-dose-naltrexone")
    return member


def _settings_post(client, **extra):
    data = {"about-display_name": "Sam", "conditions-conditions": ["acute-hepatitis"], **extra}
    return client.post("/settings/profile/", data)


def test_adding_a_condition_in_settings_warns_before_saving(on_ldn, client_for):
    response = _settings_post(client_for(on_ldn))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Low-dose naltrexone with Acute hepatitis" in page
    assert "Moderate" in page and "current label no longer lists it" in page
    assert "Save anyway" in page
    assert member_condition_slugs(user=on_ldn) == []


def test_confirming_in_settings_saves_the_condition(on_ldn, client_for):
    response = _settings_post(client_for(on_ldn), confirm_conditions="yes")

    assert response.status_code == 302
    assert member_condition_slugs(user=on_ldn) == ["acute-hepatitis"]


def test_a_condition_that_clashes_with_nothing_saves_without_a_warning(on_ldn, client_for):
    data = {"about-display_name": "Sam", "conditions-conditions": ["migraine"]}
    response = client_for(on_ldn).post("/settings/profile/", data)

    assert response.status_code == 302
    assert member_condition_slugs(user=on_ldn) == ["migraine"]


def test_adding_a_condition_in_onboarding_warns_before_saving(on_ldn, client_for):
    client = client_for(on_ldn)
    response = client.post("/welcome/conditions/", {"conditions": ["liver-failure"]})

    assert "Low-dose naltrexone with Liver failure" in response.content.decode()
    assert member_condition_slugs(user=on_ldn) == []
    client.post(
        "/welcome/conditions/", {"conditions": ["liver-failure"], "confirm_conditions": "yes"}
    )
    assert member_condition_slugs(user=on_ldn) == ["liver-failure"]


def test_a_condition_the_member_already_has_is_not_warned_about_again(on_ldn, client_for):
    _settings_post(client_for(on_ldn), confirm_conditions="yes")

    response = _settings_post(client_for(on_ldn))
    assert response.status_code == 302
