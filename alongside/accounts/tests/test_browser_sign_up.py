import re

import pytest
from django.core import mail

from alongside.testing.browser import PHONE, assert_accessible, click_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _confirmation_link(base_url: str) -> str:
    body = mail.outbox[-1].body
    match = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", body)
    assert match, body
    return base_url + match.group(0).split("/accounts/", 1)[1].join(["/accounts/", ""])


def test_a_visitor_signs_up_confirms_onboards_and_finds_their_profile(community, page, site_url):
    page.goto(site_url + "/")
    assert_accessible(page, label="home")
    click_and_wait(page, page.get_by_role("link", name="Join free"))
    assert_accessible(page, label="sign-up")
    page.get_by_label("Email").fill("new.member@example.org")
    page.get_by_label("Password", exact=True).fill("a long and unusual passphrase")
    page.get_by_label("The same password again").fill("a long and unusual passphrase")
    page.get_by_role("button", name="Sign up", exact=True).click()
    page.get_by_role("heading", name="Check your email").wait_for()

    page.goto(_confirmation_link(site_url))
    page.get_by_role("button", name="Confirm").click()

    page.get_by_role("heading", name="About you").wait_for()
    assert_accessible(page, label="onboarding role")
    page.get_by_label("I care for or love someone who does").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Year of diagnosis").fill("2019")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Fibromyalgia").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Display name").fill("Morgan")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Skip this step").click()
    page.get_by_label("Other conditions").select_option("members")
    assert_accessible(page, label="onboarding privacy")
    page.get_by_role("button", name="Finish").click()

    page.get_by_role("heading", name="Welcome to Alongside MS").wait_for()
    page.get_by_role("link", name="My profile").click()
    page.get_by_role("heading", name="Morgan").wait_for()
    text = page.locator("main").inner_text()
    assert "I care for or love someone who does" in text
    assert "Fibromyalgia" in text
    page.set_viewport_size(PHONE)
    assert_accessible(page, label="profile at 375 px")
