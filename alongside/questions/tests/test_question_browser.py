"""Asking, answering and marking helpful in Chromium, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from alongside.communities.services import membership_update
from alongside.moderation.tests.browser import page_for
from alongside.questions.models import Answer, Question
from alongside.questions.services import answer_create, question_create
from alongside.testing.browser import DESKTOP, PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EXISTING = "What are the side effects of low-dose naltrexone?"


@pytest.fixture
def asker(make_member):
    user = make_member(display_name="Ash")
    membership_update(membership=user.memberships.get(), trust_level=1)
    return user


@pytest.fixture
def existing(community, make_member):
    return question_create(author=make_member(), community=community, title=EXISTING)


def test_while_typing_a_similar_question_is_suggested_and_the_question_posts(
    chromium, site_url, asker, existing
):
    page = page_for(chromium, site_url, asker)
    page.goto(site_url + "/questions/ask/")
    page.get_by_label("Your question").press_sequentially("naltrexone side effects", delay=30)
    suggestion = page.locator("#similar").get_by_role("link", name=EXISTING)
    suggestion.wait_for()
    assert_accessible(page, label="ask with a suggestion")
    page.get_by_role("button", name="Post question").click()
    page.get_by_role("heading", level=1, name="naltrexone side effects").wait_for()
    assert Question.objects.filter(title="naltrexone side effects", author=asker).exists()


def test_without_javascript_the_preview_shows_the_suggestion_before_posting(
    chromium, site_url, asker, existing
):
    page = page_for(chromium, site_url, asker, javascript=False)
    page.goto(site_url + "/questions/ask/")
    page.get_by_label("Your question").fill("naltrexone side effects")
    page.get_by_label("Details (optional)").fill("Vivid dreams?")
    page.get_by_role("button", name="Post question").click()
    page.get_by_role("heading", name="Check before you post").wait_for()
    expect(page.get_by_role("link", name=EXISTING)).to_be_visible()
    assert not Question.objects.filter(title="naltrexone side effects").exists()
    page.get_by_role("button", name="Post my question").click()
    page.get_by_role("heading", level=1, name="naltrexone side effects").wait_for()
    assert "Vivid dreams?" in page.locator("main").inner_text()


def test_a_member_answers_the_asker_marks_it_helpful_and_best(
    chromium, site_url, community, asker, make_member
):
    question = question_create(author=asker, community=community, title="Heat and fatigue?")
    helper = make_member(display_name="Bo")
    membership_update(membership=helper.memberships.get(), trust_level=1)
    page = page_for(chromium, site_url, helper)
    page.goto(site_url + question.get_absolute_url())
    page.get_by_label("Your answer").fill("A frozen water bottle in my bag.")
    page.get_by_role("button", name="Post answer").click()
    page.get_by_text("A frozen water bottle in my bag.").wait_for()
    page.context.close()

    page = page_for(chromium, site_url, asker)
    page.goto(site_url + question.get_absolute_url())
    page.get_by_role("button", name="Helpful 0").click()
    page.get_by_role("button", name="Helpful 1").wait_for()
    assert Answer.objects.get().helpful_count == 1
    page.get_by_role("button", name="Choose as the best answer").click()
    page.get_by_text("Best answer").wait_for()
    assert_accessible(page, label="question page with a best answer")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_every_questions_page_passes_axe(
    chromium, site_url, community, asker, existing, make_member, viewport
):
    answer_create(author=make_member(), question=existing, body="Vivid dreams at first.")
    visitor = page_for(chromium, site_url, viewport=viewport)
    for path in ["/questions/", existing.get_absolute_url()]:
        visitor.goto(site_url + path)
        assert_accessible(visitor, label=f"visitor {path} at {viewport['width']}px")
    page = page_for(chromium, site_url, asker, viewport=viewport)
    for path in ["/questions/", "/questions/ask/", existing.get_absolute_url()]:
        page.goto(site_url + path)
        assert_accessible(page, label=f"member {path} at {viewport['width']}px")
    page.goto(site_url + "/questions/ask/")
    page.get_by_role("button", name="Post question").click()
    page.get_by_text("This field is required.").wait_for()
    assert_accessible(page, label=f"ask form with errors at {viewport['width']}px")
    page.get_by_label("Your question").fill("naltrexone side effects")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Check before you post").wait_for()
    assert_accessible(page, label=f"preview step at {viewport['width']}px")
