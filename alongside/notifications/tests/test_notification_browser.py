"""The notification pages in Chromium: the header count, reading, choices; axe everywhere."""

import pytest
from playwright.sync_api import expect

from alongside.moderation.tests.browser import page_for
from alongside.notifications.emails import unsubscribe_token
from alongside.notifications.models import Kind, Notification
from alongside.notifications.services import notification_create
from alongside.testing.browser import DESKTOP, PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _notify(member, community, key):
    return notification_create(
        recipient=member,
        community=community,
        kind=Kind.ANSWER,
        text="Bo answered your question.",
        dedupe_key=key,
        url="/questions/",
    )


def test_a_member_follows_a_notification_from_the_header(
    chromium, site_url, community, make_member
):
    member = make_member()
    _notify(member, community, "a")
    _notify(member, community, "b")
    page = page_for(chromium, site_url, member)
    page.goto(site_url + "/questions/")
    page.get_by_role("link", name="Notifications (2)").click()
    page.get_by_role("link", name="New Bo answered your question.").first.click()
    page.wait_for_url("**/questions/")
    expect(page.get_by_role("link", name="Notifications (1)")).to_be_visible()
    assert Notification.objects.filter(read_at=None).count() == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_every_notification_page_passes_axe(chromium, site_url, community, make_member, viewport):
    member = make_member()
    _notify(member, community, "a")
    page = page_for(chromium, site_url, member, viewport=viewport)
    for path in ["/notifications/", "/notifications/settings/"]:
        page.goto(site_url + path)
        assert_accessible(page, label=f"{path} at {viewport['width']}px")
    page.goto(
        site_url + f"/notifications/unsubscribe/{unsubscribe_token(user=member, kinds=['hug'])}/"
    )
    assert_accessible(page, label=f"unsubscribe at {viewport['width']}px")
    page.get_by_role("button", name="Stop these emails").click()
    page.get_by_role("heading", name="Emails stopped").wait_for()
    assert_accessible(page, label=f"unsubscribed at {viewport['width']}px")
