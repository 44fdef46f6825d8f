"""A new member's first hour, the way a person goes through it: by what they can see and
read (labels, buttons, links, headings), on a phone and a desktop, in the light and the dark
theme, with axe-core on every page."""

import re

import pytest
from django.core import mail

from alongside.testing.browser import (
    DESKTOP,
    PHONE,
    assert_accessible,
    click_and_wait,
    main_link_follow,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSPHRASE = "sunlight kettle harbour 42"


def _checked(page, label: str) -> None:
    assert_accessible(page, label=label)


def _choose_theme(page, theme: str) -> None:
    page.get_by_label("Colours").select_option(label=theme)
    page.get_by_role("button", name="Apply").click()


def _sign_up_and_confirm(page, site_url: str, email: str) -> None:
    page.get_by_role("link", name="Join free").click()
    page.get_by_role("heading", name="Sign up").wait_for()
    _checked(page, "sign up")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSPHRASE)
    page.get_by_label("The same password again").fill(PASSPHRASE)
    page.get_by_role("button", name="Sign up", exact=True).click()
    page.get_by_role("heading", name="Check your email").wait_for()
    _checked(page, "check your email")
    link = re.search(r"http://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    assert link.startswith(site_url)
    page.goto(link)
    _checked(page, "confirm email")
    page.get_by_role("button", name="Confirm").click()


def _onboard(page) -> None:
    page.get_by_role("heading", name="About you").wait_for()
    _checked(page, "onboarding: about you")
    page.get_by_label("I live with the condition").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Your diagnosis").wait_for()
    _checked(page, "onboarding: diagnosis")
    page.get_by_label("Relapsing-remitting MS").check()
    page.get_by_label("Year of diagnosis").fill("2021")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Other conditions").wait_for()
    _checked(page, "onboarding: other conditions")
    page.get_by_label("Find a condition").fill("Migraine")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Display name").fill("Morgan")
    click_and_wait(page, page.get_by_role("button", name="Save and continue"))
    _checked(page, "onboarding: picture")
    click_and_wait(page, page.get_by_role("button", name="Skip this step"))
    _checked(page, "onboarding: privacy")
    page.get_by_role("button", name="Finish").click()


def _first_update(page) -> None:
    page.get_by_role("link", name="Write your first update").click()
    page.get_by_label("Your update").fill("Hello from Morgan: diagnosed in 2021, still learning.")
    page.get_by_role("button", name="Post update").click()
    page.get_by_text("your first posts are read by a moderator").wait_for()
    _checked(page, "feed after posting")


def _ask(page, phone: bool) -> None:
    main_link_follow(page, "Questions")
    _checked(page, "questions")
    page.get_by_role("link", name="Ask a question").first.click()
    page.get_by_label("Your question").fill("Does a cooling vest help with heat?")
    # The similar questions arrive above the form as the member types (and mark the form as
    # previewed, so it posts at once): wait for them, as a member reads them.
    page.locator('#similar input[name="previewed"]').wait_for(state="attached")
    click_and_wait(page, page.get_by_role("button", name="Post question"))
    page.get_by_role("heading", name="Does a cooling vest help with heat?").wait_for()
    main_link_follow(page, "Questions")
    held = page.get_by_role("region", name="Your questions waiting for a moderator")
    assert "Does a cooling vest help with heat?" in held.inner_text()
    _checked(page, "questions with my held question")


def _add_treatment(page, phone: bool) -> None:
    main_link_follow(page, "Home")
    click_and_wait(page, page.get_by_role("link", name="Add a treatment").first)
    _checked(page, "my treatments")
    page.get_by_role("link", name="Add a treatment").first.click()
    page.get_by_label("Treatment name").fill("Baclofen")
    page.get_by_role("button", name="Find").click()
    click_and_wait(page, page.get_by_role("link", name="Baclofen").first)
    _checked(page, "add baclofen")
    assert page.get_by_label("Only me").is_checked()
    page.get_by_label("Started on").fill("2099-01-01")
    page.get_by_role("button", name="Save").first.click()
    page.get_by_text("The start date is in the future").wait_for()
    _checked(page, "refused date")
    page.get_by_label("Started on").fill("2024-03-01")
    page.get_by_role("button", name="Save").first.click()
    page.get_by_role("heading", name="My treatments").wait_for()


@pytest.mark.parametrize("theme", ["Light", "Dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_a_newcomer_finds_their_way_through_the_first_hour(
    chromium, site_url, community, library, kb, viewport, theme
):
    context = chromium.new_context(viewport=viewport)
    context.set_default_timeout(20_000)
    page = context.new_page()
    phone = viewport == PHONE
    page.goto(site_url + "/")
    _choose_theme(page, theme)
    _checked(page, "public home")

    _sign_up_and_confirm(page, site_url, f"newcomer-{viewport['width']}-{theme}@example.org")
    _onboard(page)

    page.get_by_role("heading", name="Three things worth doing first").wait_for()
    _checked(page, "first-visit home")
    _first_update(page)
    _ask(page, phone)
    _add_treatment(page, phone)
    _checked(page, "my treatments with baclofen")
    context.close()
