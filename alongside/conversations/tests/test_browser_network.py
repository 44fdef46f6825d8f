"""Journeys through the members' network in Chromium, with axe-core on every page."""

import re

import pytest

from alongside.conversations.models import Comment, Update
from alongside.conversations.tests.browser import logged_in_page
from alongside.conversations.tests.helpers import jpeg_bytes
from alongside.notifications.models import Notification
from alongside.testing.browser import PHONE, assert_accessible, click_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check_both_sizes(page, label: str) -> None:
    assert_accessible(page, label=f"{label} at 1280 px")
    page.set_viewport_size(PHONE)
    assert_accessible(page, label=f"{label} at 375 px")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_member_posts_a_picture_another_hugs_and_comments(
    community, make_trusted, chromium, site_url
):
    poster = make_trusted(display_name="Rowan")
    friend = make_trusted(display_name="Sam")
    page = logged_in_page(chromium, site_url, poster)
    page.goto(site_url + "/feed/")
    _check_both_sizes(page, "feed")
    page.get_by_label("Your update").fill("First walk round the garden since the relapse.")
    page.get_by_label("Picture 1", exact=True).set_input_files(
        files=[{"name": "garden.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(gps=True)}]
    )
    page.get_by_label("Describe picture 1 for people who cannot see it").fill("Red tulips")
    page.get_by_role("button", name="Post update").click()
    page.get_by_text("Your update is posted.").wait_for()
    page.get_by_role("img", name="Red tulips").wait_for()
    # decode() waits for the picture to finish loading; visible is not yet loaded.
    loaded_width = "img => img.decode().then(() => img.naturalWidth)"
    assert page.get_by_role("img", name="Red tulips").evaluate(loaded_width) == 640

    other = logged_in_page(chromium, site_url, friend)
    other.goto(site_url + "/feed/")
    hug = other.get_by_role("button", name=re.compile("^Hug"))
    hug.click()
    other.locator('button[aria-pressed="true"]', has_text="Hug").wait_for()
    assert "1" in other.get_by_role("button", name=re.compile("^Hug")).inner_text()
    other.get_by_role("link", name="0 comments").click()
    other.get_by_role("heading", name="Update by Rowan").wait_for()
    _check_both_sizes(other, "update page")
    other.get_by_label("Your comment").fill("The tulips waited for you!")
    other.get_by_role("button", name="Post comment").click()
    other.get_by_text("The tulips waited for you!").wait_for()

    update = Update.objects.get(author=poster)
    assert update.hug_count == 1 and update.comment_count == 1
    assert Comment.objects.get().author == friend
    kinds = set(Notification.objects.filter(recipient=poster).values_list("kind", flat=True))
    assert kinds == {"hug", "comment"}


def test_an_empty_update_is_explained_and_the_edit_and_delete_pages_are_accessible(
    community, make_trusted, chromium, site_url
):
    poster = make_trusted(display_name="Rowan")
    page = logged_in_page(chromium, site_url, poster)
    page.goto(site_url + "/feed/")
    page.get_by_label("My team only").check()
    page.get_by_role("button", name="Post update").click()
    page.get_by_text("Write something or add a picture").wait_for()
    assert page.get_by_label("My team only").is_checked()
    _check_both_sizes(page, "feed with an error")
    page.get_by_label("Your update").fill("Just for my team.")
    page.get_by_text("Draft saved.").wait_for()
    page.goto(site_url + "/feed/")
    assert page.get_by_label("Your update").input_value() == "Just for my team."
    page.get_by_label("My team only").check()
    page.get_by_role("button", name="Post update").click()
    page.get_by_text("Team only").first.wait_for()
    page.get_by_role("link", name=re.compile("ago")).first.click()
    click_and_wait(page, page.get_by_role("link", name="Edit"))
    _check_both_sizes(page, "edit update")
    page.get_by_label("Your update").fill("Just for my team, edited.")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Just for my team, edited.").wait_for()
    click_and_wait(page, page.get_by_role("link", name="Delete"))
    _check_both_sizes(page, "delete update")
    page.get_by_role("button", name="Delete update").click()
    page.get_by_text("Your update is deleted.").wait_for()
    assert not Update.objects.exists()


def test_two_members_become_a_team_and_exchange_messages(
    community, make_trusted, chromium, site_url
):
    ana = make_trusted(display_name="Ana")
    ben = make_trusted(display_name="Ben")
    page = logged_in_page(chromium, site_url, ana)
    page.goto(f"{site_url}/members/{ben.public_id}/")
    _check_both_sizes(page, "profile with team actions")
    page.get_by_role("button", name="Add to my team").click()
    page.get_by_text("Your team request is sent.").wait_for()

    other = logged_in_page(chromium, site_url, ben)
    other.goto(site_url + "/team/")
    _check_both_sizes(other, "team page with a request")
    other.get_by_role("button", name="Accept Ana").click()
    other.get_by_text("You are now in each other's team.").wait_for()
    other.get_by_role("link", name="Message Ana").click()
    other.get_by_role("heading", name="Messages with Ana").wait_for()
    _check_both_sizes(other, "conversation")
    other.get_by_label("Your message").fill("Thanks for adding me, Ana.")
    other.get_by_role("button", name="Send message").click()
    other.locator(".bubble", has_text="Thanks for adding me").wait_for()

    page.goto(site_url + "/messages/")
    page.get_by_text("You have 1 unread message.").wait_for()
    _check_both_sizes(page, "inbox")
    page.get_by_role("link", name=re.compile("Ben")).click()
    page.get_by_text("Thanks for adding me, Ana.").wait_for()
    page.goto(site_url + "/team/")
    page.get_by_role("link", name="Ben").first.wait_for()
    _check_both_sizes(page, "team page")


def test_show_more_loads_the_next_updates_in_place(community, make_trusted, chromium, site_url):
    from alongside.conversations.selectors import PAGE_SIZE
    from alongside.conversations.services import update_create

    for n in range(PAGE_SIZE + 3):
        update_create(author=make_trusted(), community=community, body=f"Numbered update {n}")
    page = logged_in_page(chromium, site_url, make_trusted())
    page.goto(site_url + "/feed/")
    assert page.locator("article.update").count() == PAGE_SIZE
    page.get_by_role("link", name="Show more updates").click()
    page.get_by_text("Numbered update 0", exact=True).wait_for()
    assert page.locator("article.update").count() == PAGE_SIZE + 3
    assert page.url.endswith("/feed/")
    assert page.locator("h1").count() == 1
