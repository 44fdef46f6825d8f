import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from alongside.articles.models import ArticlePage
from alongside.articles.tests.conftest import CONTENT
from alongside.demo.articles import demo_articles_step
from alongside.newsletter.models import Subscriber
from alongside.newsletter.selectors import digest_key_for
from alongside.newsletter.tasks import digest_send
from alongside.testing.browser import PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_a_reader_opts_in_gets_the_digest_once_and_unsubscribes_with_one_click(
    page, site_url, communities
):
    demo_articles_step(communities=communities, stdout=io.StringIO(), content=CONTENT)
    community = communities[0]
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/resources/")
    signup = page.locator("section.newsletter")
    signup.get_by_label("Your email address").fill("reader@example.org")
    signup.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Thank you for subscribing")).to_be_visible()
    assert_accessible(page, label="newsletter thank-you")

    link = re.search(r"http://\S+/newsletter/confirm/\S+", mail.outbox[-1].body).group(0)
    page.goto(site_url + _path(link))
    page.get_by_role("button", name="Yes, send me the weekly digest").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()

    ArticlePage.objects.update(first_published_at=Subscriber.objects.get().created_at)
    mail.outbox.clear()
    key = digest_key_for(community=community)
    digest_send.call(community.pk, key)
    digest_send.call(community.pk, key)  # the task ran twice: still one email
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert "LDN for MS: a test article" in digest.body
    assert 'href="http://localhost' in digest.alternatives[0][0]
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    unsubscribe = _path(digest.extra_headers["List-Unsubscribe"].strip("<>"))
    response = page.request.post(site_url + unsubscribe, form={"List-Unsubscribe": "One-Click"})
    assert response.ok
    assert Subscriber.objects.get().unsubscribed_at is not None
    page.goto(site_url + unsubscribe)
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert_accessible(page, label="unsubscribed page")
