"""Reporting a post and acting on it as a moderator, in Chromium; axe on every page."""

import pytest

from alongside.communities.models import StaffRole
from alongside.communities.services import membership_update
from alongside.core.models import Visibility
from alongside.moderation.models import GuestBlock, ModerationAction
from alongside.moderation.services import report_create
from alongside.moderation.tests.browser import page_for
from alongside.notifications.models import Kind, Notification
from alongside.questions.models import Answer
from alongside.questions.services import answer_create, question_ask, question_create
from alongside.testing.browser import DESKTOP, PHONE, assert_accessible, click_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BAD = "LDN cured me, stop your other treatment now."


def _trusted(make_member, **fields):
    user = make_member(**fields)
    membership_update(membership=user.memberships.get(), trust_level=1)
    return user


def test_a_member_reports_an_answer_and_a_moderator_hides_it_with_a_note(
    chromium, site_url, community, make_member
):
    author = _trusted(make_member, display_name="Cal")
    question = question_create(author=_trusted(make_member), community=community, title="LDN?")
    answer_create(author=author, question=question, body=BAD)
    page = page_for(chromium, site_url, _trusted(make_member))
    page.goto(site_url + question.get_absolute_url())
    page.locator(".answer").get_by_role("link", name="Report").click()
    page.get_by_label("Medical misinformation").check()
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("A moderator will look at this soon").wait_for()
    page.context.close()

    moderator = make_member(staff_role=StaffRole.MODERATOR, display_name="Priya")
    page = page_for(chromium, site_url, moderator)
    page.goto(site_url + "/moderation/")
    entry = page.locator(".queue-entry", has_text=BAD)
    assert "Medical misinformation" in entry.inner_text()
    entry.locator("summary", has_text="Hide").click()
    entry.get_by_label("Note to the member (optional)").fill("Please do not advise stopping DMTs.")
    entry.get_by_role("button", name="Hide").click()
    page.get_by_text("Hid the answer by Cal").wait_for()
    assert Answer.objects.get().visibility == Visibility.HIDDEN
    assert ModerationAction.objects.get().moderator == moderator
    note = Notification.objects.get(recipient=author, kind=Kind.MODERATION)
    assert "Please do not advise stopping DMTs." in note.text


def test_a_held_question_is_approved_from_the_queue(chromium, site_url, community, make_member):
    newcomer = make_member()
    question = question_ask(author=newcomer, community=community, title="Cooling vests?").item
    page = page_for(chromium, site_url, make_member(staff_role=StaffRole.MODERATOR))
    page.goto(site_url + "/moderation/")
    page.locator(".queue-entry", has_text="Cooling vests?").get_by_role(
        "button", name="Approve"
    ).click()
    page.get_by_text("Nothing is waiting").wait_for()
    question.refresh_from_db()
    assert question.visibility == Visibility.PUBLISHED


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_every_moderation_page_passes_axe(chromium, site_url, community, make_member, viewport):
    question = question_create(author=_trusted(make_member), community=community, title="LDN?")
    answer = answer_create(author=_trusted(make_member), question=question, body=BAD)
    report_create(reporter=make_member(), community=community, target=answer, reason="self_harm")
    question_ask(author=make_member(), community=community, title="Held for review")
    moderator = make_member(staff_role=StaffRole.MODERATOR)
    GuestBlock.objects.create(
        community=community, email="a.rather.long.guest.address@example.org", note="Spam."
    )
    page = page_for(chromium, site_url, moderator, viewport=viewport)
    paths = ["/moderation/", "/moderation/log/", "/moderation/guests/"]
    for path in [*paths, f"/report/answer/{answer.pk}/", "/support/"]:
        page.goto(site_url + path)
        assert_accessible(page, label=f"{path} at {viewport['width']}px")
    page.goto(site_url + f"/report/answer/{answer.pk}/")
    click_and_wait(page, page.get_by_role("button", name="Send the report"))
    assert_accessible(page, label=f"report with an error at {viewport['width']}px")
