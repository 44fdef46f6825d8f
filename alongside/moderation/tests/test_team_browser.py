"""The moderation team page in Chromium, without JavaScript (plain form posts): a community
admin finds a member, appoints them and removes them; axe at phone and desktop widths."""

import pytest

from alongside.communities.models import Membership, StaffRole
from alongside.moderation.tests.browser import page_for
from alongside.testing.browser import DESKTOP, PHONE, assert_accessible, click_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_an_admin_appoints_and_removes_a_moderator_without_javascript(
    chromium, site_url, make_member, community, viewport
):
    admin = make_member(staff_role=StaffRole.ADMIN, display_name="Jonah")
    priya = make_member(display_name="Priya")
    page = page_for(chromium, site_url, admin, viewport=viewport, javascript=False)
    width = viewport["width"]
    page.goto(site_url + "/moderation/")
    click_and_wait(page, page.get_by_role("link", name="The moderation team"))
    page.get_by_role("heading", name="The moderation team", level=1).wait_for()
    assert_accessible(page, label=f"team page at {width}px")

    page.get_by_label("Name or email address").fill("pri")
    click_and_wait(page, page.get_by_role("button", name="Find the member"))
    page.get_by_role("heading", name="Members found").wait_for()
    assert_accessible(page, label=f"members found at {width}px")

    click_and_wait(page, page.get_by_role("button", name="a moderator"))
    page.get_by_text("is now a moderator. We told them on the site and by email.").wait_for()
    assert_accessible(page, label=f"appointed at {width}px")
    assert Membership.objects.get(user=priya, community=community).staff_role == "moderator"

    click_and_wait(page, page.get_by_role("button", name="Remove Priya"))
    page.get_by_text("is no longer on the team").wait_for()
    assert Membership.objects.get(user=priya, community=community).staff_role == ""
    assert page.get_by_text("The only community admin. To step down").is_visible()
    assert_accessible(page, label=f"removed at {width}px")
    page.context.close()
