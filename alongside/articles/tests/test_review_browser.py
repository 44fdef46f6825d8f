"""The medical review as an editor and two reviewers walk it, in Chromium at 375 and 1280 px."""

import re
from pathlib import Path

import pytest

from alongside.articles.models import ArticlePage, PersonPage
from alongside.articles.tests.conftest import staff_user
from alongside.articles.tests.test_browser import _log_in
from alongside.testing.browser import DESKTOP, PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _second_reviewer(library):
    user = staff_user("henrik@example.org", "Medical reviewers")
    person = PersonPage.objects.child_of(library).get(slug="henrik-aldana")
    person.user = user
    person.save_revision().publish()
    return user


def _approve(page, site_url, reviewer, article_pk: int) -> None:
    _log_in(page, site_url, reviewer)
    page.goto(f"{site_url}/admin/pages/{article_pk}/edit/")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and publish", exact=True).click()
    page.get_by_text("is live, with you named as its medical reviewer").wait_for()
    page.context.clear_cookies()


def _submit(page, site_url, editor, article_pk: int) -> None:
    _log_in(page, site_url, editor)
    page.goto(f"{site_url}/admin/pages/{article_pk}/edit/")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("Submit to Medical review|Resubmit")).click()
    page.wait_for_url(re.compile(r"/admin/"))
    page.context.clear_cookies()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_the_public_page_names_the_reviewer_who_approved_the_live_version(
    chromium, site_url, library, editor, reviewer, viewport
):
    henrik = _second_reviewer(library)
    writer = PersonPage.objects.child_of(library).get(slug="writer-one")
    draft = ArticlePage(
        title="Sleep and MS",
        intro="Why nights are hard.",
        category="symptoms",
        writer=writer,
        body=[("paragraph", "<p>Sleep matters.</p>")],
        live=False,
    )
    library.add_child(instance=draft)
    draft.save_revision(user=editor)
    context = chromium.new_context(viewport=viewport)
    context.set_default_timeout(20_000)
    page = context.new_page()
    _submit(page, site_url, editor, draft.pk)
    _approve(page, site_url, reviewer, draft.pk)

    article = ArticlePage.objects.get(pk=draft.pk)
    article.intro = "Why nights are hard, and what helps."
    article.save_revision(user=editor)
    _submit(page, site_url, editor, draft.pk)
    _approve(page, site_url, henrik, draft.pk)

    page.goto(site_url + "/library/sleep-and-ms/")
    byline = page.locator(".byline").inner_text()
    assert "Medically reviewed by Henrik Aldana, MD" in byline and "Nkechi" not in byline
    assert_accessible(page, label=f"reviewed article at {viewport['width']}px")
    page.screenshot(path=f"/tmp/article-second-reviewer-{viewport['width']}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_the_editor_reads_the_reviewers_note_on_the_edit_page(
    chromium, site_url, library, editor, reviewer, viewport
):
    writer = PersonPage.objects.child_of(library).get(slug="writer-one")
    draft = ArticlePage(
        title="Heat and MS", intro="x", category="symptoms", writer=writer, live=False, body=[]
    )
    library.add_child(instance=draft)
    draft.save_revision(user=editor)
    state = draft.get_workflow().start(draft, editor).current_task_state.specific
    state.task.specific.on_action(state, reviewer, "reject", comment="Cite the cooling trial.")
    context = chromium.new_context(viewport=viewport)
    context.set_default_timeout(20_000)
    page = context.new_page()
    _log_in(page, site_url, editor)
    page.goto(f"{site_url}/admin/pages/{draft.pk}/edit/")
    notes = page.locator(".review-notes")
    assert "Nkechi Farrow, MD sent this back with changes" in notes.inner_text()
    assert "Cite the cooling trial." in notes.inner_text()
    context.close()


SHOTS = "/tmp/desk-shots"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_a_reviewer_sends_back_with_a_note_then_approves_and_each_action_says_what_happened(
    chromium, site_url, library, editor, reviewer, viewport
):
    Path(SHOTS).mkdir(exist_ok=True)
    width = viewport["width"]
    writer = PersonPage.objects.child_of(library).get(slug="writer-one")
    draft = ArticlePage(
        title="Fatigue and MS",
        intro="Why tiredness is different.",
        category="symptoms",
        writer=writer,
        body=[("paragraph", "<p>Pacing helps.</p>")],
        live=False,
    )
    library.add_child(instance=draft)
    draft.save_revision(user=editor)
    context = chromium.new_context(viewport=viewport)
    context.set_default_timeout(20_000)
    page = context.new_page()
    _submit(page, site_url, editor, draft.pk)

    _log_in(page, site_url, reviewer)
    page.goto(f"{site_url}/admin/")
    page.screenshot(path=f"{SHOTS}/review-dashboard-{width}.png", full_page=True)
    page.goto(f"{site_url}/admin/pages/{draft.pk}/edit/")
    page.locator("footer").get_by_role("button", name="More actions").click()
    menu = page.locator("footer").inner_text()
    assert "Send back with changes" in menu and "Approve and publish" in menu
    assert "Publish" not in menu.replace("Approve and publish", "").replace(
        "Approve with a note and publish", ""
    )
    page.get_by_role("button", name="Approve with a note and publish").wait_for()
    page.wait_for_timeout(400)  # the menu slides open
    page.screenshot(path=f"{SHOTS}/review-actions-{width}.png")
    page.get_by_role("button", name="Send back with changes").click()
    page.get_by_role("dialog").get_by_label("Note for the editor").fill(
        "Cite the pacing trial, please."
    )
    page.wait_for_timeout(400)  # the dialog fades in
    page.screenshot(path=f"{SHOTS}/review-send-back-note-{width}.png")
    page.get_by_role("dialog").get_by_role("button", name="Send back with changes").click()
    page.get_by_text("Sent back to the editor").wait_for()
    page.wait_for_timeout(1000)  # the console's messages slide in
    assert "has been" not in page.locator(".messages").inner_text()
    page.screenshot(path=f"{SHOTS}/review-sent-back-{width}.png")
    assert_accessible(page, label=f"review sent back at {width}px")
    page.context.clear_cookies()

    _submit(page, site_url, editor, draft.pk)
    _log_in(page, site_url, reviewer)
    page.goto(f"{site_url}/admin/pages/{draft.pk}/edit/")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and publish", exact=True).click()
    page.get_by_text("is live, with you named as its medical reviewer").wait_for()
    page.wait_for_timeout(1000)
    assert "has been" not in page.locator(".messages").inner_text()
    page.screenshot(path=f"{SHOTS}/review-approved-{width}.png")
    context.close()
