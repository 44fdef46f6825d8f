import gzip
import io
import re

import pytest
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from alongside.articles.models import ArticleComment, ArticlePage, PersonPage
from alongside.articles.tests.conftest import CONTENT
from alongside.communities.models import StaffRole
from alongside.demo.articles import demo_articles_step
from alongside.demo.generate import members_generate
from alongside.questions.services import answer_create, question_create
from alongside.testing.browser import PHONE, assert_accessible, click_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp"


def _log_in(page, site_url, user):
    client = Client()
    client.force_login(user)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site_url}
    page.context.add_cookies([cookie])


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def demo_library(communities):
    """The real demo content, and enough members for the fibromyalgia figure to show."""
    members_generate(community=communities[0], count=900)
    demo_articles_step(communities=communities, stdout=io.StringIO())
    ldn = ArticlePage.objects.get(slug="low-dose-naltrexone-for-ms")
    question = question_create(
        author=None,
        community=communities[0],
        title="What are the side effects of LDN?",
        topics=["low-dose-naltrexone"],
    )
    for body in ("Vivid dreams at first.", "A headache for a week.", "None for me."):
        answer_create(author=None, question=question, body=body)
    return ldn


def test_the_demo_ldn_article_shows_every_element_of_the_anatomy(page, site_url, demo_library):
    page.goto(site_url + "/library/low-dose-naltrexone-for-ms/")
    main = page.locator("main")
    featured = page.locator(".featured-question")
    expect(featured.get_by_role("link", name="See answer")).to_be_visible()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Low-dose naltrexone")
    byline = page.locator(".byline").inner_text()
    assert "Medically reviewed by Henrik Aldana, MD" in byline
    assert "Written by Ada Winterbourne, PhD" in byline and "Updated on" in byline
    hero = page.locator("img.hero-image")
    assert "pill organiser" in hero.get_attribute("alt")
    expect(page.get_by_role("heading", name="Side effects of LDN", exact=True)).to_be_visible()
    assert page.locator(".callout").count() >= 2 and page.locator("table").count() == 1
    assert "shared with their permission" in page.locator(".member-quote").inner_text()
    figure = page.locator(".community-figure").first.inner_text()
    assert re.search(r"More than \d+ members", figure) and "fibromyalgia" in figure
    expect(page.locator(".cta").get_by_role("link", name="Share your experience")).to_be_visible()
    assert page.locator("sup.cite").count() > 10 and page.locator(".sources li").count() > 10
    assert re.search(r"\d+ comments?", page.locator("#comments-title").inner_text())
    expect(
        page.get_by_role("heading", name="Get the latest articles in your inbox")
    ).to_be_visible()
    questions = page.locator(".question-list").inner_text()
    assert "What are the side effects of LDN?" in questions and "3 answers" in questions
    assert "by An Alongside MS member" in questions
    assert page.locator(".bio").count() == 2
    expect(page.locator(".bio a").first).to_be_visible()
    expect(page.get_by_role("heading", name="Related articles")).to_be_visible()
    expect(page.get_by_role("heading", name="Recent articles")).to_be_visible()
    assert "Privacy policy" in page.locator("footer").inner_text()
    assert main.locator("script").count() == 0
    _assert_light(page, site_url + "/library/low-dose-naltrexone-for-ms/")
    page.screenshot(path=f"{SHOTS}/articles-ldn-desktop.png", full_page=True)
    assert_accessible(page, label="LDN article at 1280 px")
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{SHOTS}/articles-ldn-phone.png", full_page=True)
    assert_accessible(page, label="LDN article at 375 px")


def _assert_light(page, url: str) -> None:
    """HTML + CSS + JS as sent, gzip-compressed, within the 50 KB budget (pictures aside)."""
    parts = [url, *page.eval_on_selector_all("link[rel=stylesheet], script[src]", _ASSETS)]
    total = sum(len(gzip.compress(page.request.get(part).body())) for part in parts)
    print(f"LDN article: {total} bytes compressed (HTML + CSS + JS)")
    assert total <= 50 * 1024


_ASSETS = "nodes => nodes.map(node => node.href || node.src)"


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_the_library_and_a_person_page_are_accessible(page, site_url, communities, viewport):
    demo_articles_step(communities=communities, stdout=io.StringIO(), content=CONTENT)
    page.set_viewport_size(viewport)
    page.goto(site_url + "/resources/")
    expect(page.get_by_role("heading", name="Resources", level=1)).to_be_visible()
    assert_accessible(page, label=f"library at {viewport['width']} px")
    click_and_wait(page, page.get_by_role("link", name="LDN for MS: a test article"))
    assert_accessible(page, label=f"article at {viewport['width']} px")
    page.get_by_role("link", name="Wren Writer, PhD").first.click()
    expect(page.get_by_role("heading", name="Articles written")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/articles-person-{viewport['width']}.png", full_page=True)
    assert_accessible(page, label=f"person page at {viewport['width']} px")


def test_an_editor_submits_an_article_and_a_reviewer_approves_it_in_the_admin(
    page, site_url, library, editor, reviewer
):
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
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _log_in(page, site_url, editor)
    page.goto(f"{site_url}/admin/pages/{draft.pk}/edit/")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Medical review").click()
    row = page.locator("tr", has_text="Sleep and MS")
    assert "In moderation" in row.inner_text().title() or "IN MODERATION" in row.inner_text()
    submitted = ArticlePage.objects.get(pk=draft.pk)
    assert submitted.workflow_in_progress and not submitted.live

    page.context.clear_cookies()
    _log_in(page, site_url, reviewer)
    page.goto(f"{site_url}/admin/pages/{draft.pk}/edit/")
    page.locator("footer").get_by_role("button", name="More actions").click()
    assert page.get_by_role("button", name="Publish", exact=True).count() == 0
    page.get_by_role("button", name="Approve and publish", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/"))
    page.screenshot(path=f"{SHOTS}/articles-admin-approved.png")
    article = ArticlePage.objects.get(pk=draft.pk)
    assert article.live and article.reviewer.title == "Nkechi Farrow"
    assert not [e for e in errors if "Content Security Policy" in e], errors

    page.context.clear_cookies()
    page.goto(site_url + "/library/sleep-and-ms/")
    assert "Medically reviewed by Nkechi Farrow, MD" in page.locator(".byline").inner_text()


def test_a_guest_confirms_their_email_and_comments_after_a_moderator_approves(
    page, site_url, article, make_member
):
    page.goto(site_url + _path(article.url) + "#comments")
    guest_form = page.locator("form.guest-form")
    guest_form.get_by_label("Your name").fill("Alex")
    guest_form.get_by_label("Your email address").fill("alex@example.org")
    page.get_by_role("button", name="Send me a confirmation link").click()
    expect(page.get_by_text("Check your inbox")).to_be_visible()
    link = re.search(r"http://\S+/confirm/\S+", mail.outbox[-1].body).group(0)
    page.goto(site_url + _path(link))
    expect(page.get_by_text("your email is confirmed")).to_be_visible()
    expect(page.get_by_text("This helped me understand my options.")).to_be_visible()
    page.get_by_label("Your comment").fill("Thank you for the clear table.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("waiting for a moderator").first).to_be_visible()
    assert ArticleComment.objects.get(text="Thank you for the clear table.").visibility == "pending"

    moderator = make_member(staff_role=StaffRole.MODERATOR)
    page.context.clear_cookies()
    _log_in(page, site_url, moderator)
    page.goto(site_url + "/moderation/")
    entry = page.locator("article.queue-entry", has_text="Thank you for the clear table.")
    entry.get_by_role("button", name="Approve").click()
    page.goto(site_url + _path(article.url) + "#comments")
    comment = page.locator(".comment", has_text="Thank you for the clear table.")
    assert "Alex (guest)" in comment.inner_text()
    page.screenshot(path=f"{SHOTS}/articles-guest-comment.png", full_page=True)
