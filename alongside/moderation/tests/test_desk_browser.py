"""A volunteer moderator at the desk, in Chromium at 375 and 1280 px; axe on every page."""

import re
from pathlib import Path

import pytest

from alongside.communities.models import StaffRole
from alongside.communities.services import (
    membership_create,
    membership_staff_role_set,
    membership_update,
)
from alongside.conversations.models import Update
from alongside.conversations.services import update_create
from alongside.moderation.models import Report, ReportStatus, Suspension
from alongside.moderation.services import moderation_act, report_create
from alongside.moderation.tests.browser import page_for
from alongside.testing.browser import DESKTOP, PHONE, assert_accessible, main_link_follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CRISIS = "Some days I want to die, honestly."
SHOTS = "/tmp/desk-shots"


@pytest.fixture(autouse=True)
def _shots_folder():
    Path(SHOTS).mkdir(exist_ok=True)


def _form(entry, action: str):
    return entry.locator(f"form:has(input[name=action][value={action}])")


def _trusted(make_member, **fields):
    user = make_member(**fields)
    membership_update(membership=user.memberships.get(), trust_level=1)
    return user


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_a_moderator_reaches_out_on_a_crisis_post_then_hides_an_advert_and_suspends_its_author(
    chromium, site_url, community, make_member, viewport
):
    community.crisis_resources = "Call the crisis line on 000 000, day or night."
    community.save()
    rowan = _trusted(make_member, display_name="Rowan")
    update_create(author=rowan, community=community, body=CRISIS)
    advert = update_create(
        author=_trusted(make_member, display_name="Seller"),
        community=community,
        body="Buy my miracle cure today",
    )
    report_create(reporter=_trusted(make_member), community=community, target=advert, reason="spam")
    page = page_for(
        chromium, site_url, make_member(staff_role=StaffRole.MODERATOR), viewport=viewport
    )
    page.goto(site_url + "/feed/")
    main_link_follow(page, "Moderation (2)")
    crisis = page.locator(".queue-entry.risk-high")
    assert "000 000" in crisis.inner_text()
    assert_accessible(page, label=f"desk at {viewport['width']}px")
    page.screenshot(path=f"{SHOTS}/desk-queue-{viewport['width']}.png", full_page=True)
    reach_out = _form(crisis, "reach_out")
    reach_out.get_by_label("Note to the member").fill("We saw your post. You are not alone.")
    reach_out.get_by_role("button", name="Reach out to the member").click()
    page.get_by_text("Sent your message to the author of the update by Rowan").wait_for()
    page.screenshot(path=f"{SHOTS}/desk-after-reach-out-{viewport['width']}.png")

    hide = _form(page.locator(".queue-entry", has_text="Buy my miracle cure"), "hide")
    hide.locator("summary").click()
    hide.get_by_label("Note to the member (optional)").fill("No adverts, please.")
    hide.get_by_role("button", name="Hide").click()
    page.get_by_text("Hid the update by Seller").wait_for()
    suspend = _form(page.locator(".queue-entry", has_text="Buy my miracle cure"), "suspend")
    suspend.locator("summary").click()
    suspend.get_by_label("Note to the member").fill("Selling cures.")
    suspend.get_by_role("button", name="Suspend the member").click()
    page.get_by_text("Paused posting for the author of the update by Seller").wait_for()
    assert Report.objects.get(target_id=advert.pk).status == ReportStatus.OPEN
    close = _form(page.locator(".queue-entry", has_text="Buy my miracle cure"), "resolve")
    close.locator("summary").click()
    close.get_by_label("Reason, for the log").fill("Hidden and suspended.")
    close.get_by_role("button", name="Close the report: handled").click()
    page.get_by_text("Closed the report on the update by Seller").wait_for()
    assert Report.objects.get(target_id=advert.pk).status == ReportStatus.RESOLVED
    assert Update.objects.get(pk=advert.pk).visibility == "hidden"
    assert Suspension.objects.get().user == advert.author

    page.goto(site_url + "/moderation/log/")
    assert "Hidden and suspended." in page.locator("table").inner_text()
    assert_accessible(page, label=f"log at {viewport['width']}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=f"{SHOTS}/desk-log-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_a_suspended_member_sees_the_end_date_above_the_post_form(
    chromium, site_url, community, make_member, viewport
):
    member = _trusted(make_member)
    moderator = make_member(staff_role=StaffRole.MODERATOR)
    moderation_act(
        moderator=moderator,
        community=community,
        target=member,
        action="suspend",
        note="Three adverts in a day.",
        days=4,
    )
    page = page_for(chromium, site_url, member, viewport=viewport)
    page.goto(site_url + "/feed/")
    notice = page.locator(".suspension-notice")
    assert "A moderator paused your posting here until" in notice.inner_text()
    assert "Three adverts in a day." in notice.inner_text()
    assert_accessible(page, label=f"suspended feed at {viewport['width']}px")


def test_the_queue_filters_by_risk_without_javascript(
    chromium, site_url, community, other_community, make_member
):
    update_create(author=_trusted(make_member), community=community, body=CRISIS)
    for number in range(3):
        advert = update_create(
            author=_trusted(make_member), community=community, body=f"Advert {number}"
        )
        report_create(
            reporter=_trusted(make_member), community=community, target=advert, reason="spam"
        )
    moderator = make_member(staff_role=StaffRole.MODERATOR)
    membership_staff_role_set(
        membership=membership_create(user=moderator, community=other_community),
        staff_role=StaffRole.MODERATOR,
    )
    page = page_for(chromium, site_url, moderator, viewport=PHONE, javascript=False)
    page.goto(site_url + "/moderation/")
    communities = page.get_by_label("Community", exact=True).locator("option").all_inner_texts()
    assert communities == sorted([community.name, other_community.name])
    page.get_by_label("Risk", exact=True).select_option(label="High only")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"/moderation/\?.*risk=3"))
    assert page.locator(".queue-entry").count() == 1
    assert page.get_by_label("Risk", exact=True).input_value() == "3"
    page.screenshot(path=f"{SHOTS}/desk-filtered-no-js-375.png", full_page=True)
