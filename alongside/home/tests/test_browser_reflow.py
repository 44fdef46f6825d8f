"""Nothing scrolls sideways at 320 px with the largest text size (WCAG 1.4.10), on every
page type of the public site and the members' area (the staff console aside), with long
unbroken words in what members write."""

import pytest

from alongside.articles.models import ArticlePage, PersonPage
from alongside.communities.models import Membership, StaffRole
from alongside.conversations.services import comment_create, update_create
from alongside.conversations.tests.browser import logged_in_page
from alongside.core.models import Visibility
from alongside.inbox.services import conversation_start, message_send
from alongside.questions.services import answer_create, question_create
from alongside.teams.services import team_link_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROWEST = {"width": 320, "height": 640}
LARGEST_TEXT = "150"
# A word no line can hold: a URL pasted without spaces, a name typed as one word.
LONG = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3

PUBLIC = [
    "/",
    "/resources/",
    "{article}",
    "{person}",
    "/questions/",
    "/questions/{question}/",
    "/treatments/",
    "/treatments/low-dose-naltrexone/",
    "/treatments/cladribine/",  # a page with checks and long source names
    "/treatments/check/?treatments=low-dose-naltrexone&treatments=tramadol",
    "/newsletter/",
    "/about/",
    "/privacy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/a-page-that-does-not-exist/",
]
MEMBERS = [
    "/",
    "/questions/",
    "/questions/{question}/",
    "/questions/ask/",
    "/feed/",
    "/updates/{update}/",
    "/members/{profile}/",
    "/team/",
    "/messages/",
    "/messages/{conversation}/",
    "/notifications/",
    "/notifications/settings/",
    "/treatments/mine/",
    "/treatments/mine/add/",
    "/search/?q=Pneumono",
    "/settings/profile/",
    "/settings/privacy/",
    "/settings/data/",
    "/welcome/role/",
    "/welcome/conditions/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/moderation/",
    "/moderation/log/",
    "/moderation/guests/",
    "/moderation/team/",
    "/moderation/team/?find=Pneumono",
    "/support/",
]


@pytest.fixture
def long_words(community, library, kb, make_trusted):
    """Member content full of long unbroken words, and the addresses of each page type."""
    viewer = make_trusted(display_name=LONG[:60])
    other = make_trusted(display_name=LONG[:60])
    team_link_create(community=community, a=viewer, b=other)
    update = update_create(author=other, community=community, body=f"{LONG} {LONG}")
    comment_create(author=viewer, update=update, body=LONG)
    question = question_create(author=other, community=community, title=LONG[:190])
    answer_create(author=viewer, question=question, body=LONG)
    held = Visibility.PENDING
    question_create(author=other, community=community, title=LONG[:150], visibility=held)
    conversation = conversation_start(sender=viewer, recipient=other, community=community)
    message_send(sender=viewer, conversation=conversation, body=LONG)
    message_send(sender=other, conversation=conversation, body=LONG)  # "Messages (1)"
    # A community admin: the desk and the team page too.
    Membership.objects.filter(user=viewer).update(staff_role=StaffRole.ADMIN)
    article = ArticlePage.objects.live().first()
    person = PersonPage.objects.live().first()
    targets = {
        "article": _path(article),
        "person": _path(person),
        "question": question.pk,
        "update": update.pk,
        "profile": other.public_id,
        "conversation": conversation.pk,
    }
    return viewer, targets


def _path(page) -> str:
    """'/ms-home/resources/x/' -> '/resources/x/' (the site root's own segment dropped)."""
    return "/" + "/".join(page.url_path.strip("/").split("/")[1:]) + "/"


def _overflow(page) -> list[str]:
    """What sticks out to the right, when anything does."""
    return page.evaluate(
        """() => { const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        return [...document.querySelectorAll('body *')]
          .filter(el => el.getBoundingClientRect().right > width + 1)
          .slice(-5).map(el => el.tagName + '.' + el.className); }"""
    )


def _walk(page, site_url, paths, targets) -> dict:
    page.context.add_cookies([{"name": "text_size", "value": LARGEST_TEXT, "url": site_url}])
    wide = {}
    for path in paths:
        response = page.goto(site_url + path.format(**targets))
        assert response.status < 500, path
        sticking_out = _overflow(page)
        if sticking_out:
            wide[path] = sticking_out
    return wide


def test_no_public_page_scrolls_sideways_at_320_px_with_the_largest_text(
    chromium, site_url, long_words
):
    _viewer, targets = long_words
    context = chromium.new_context(viewport=NARROWEST)
    page = context.new_page()
    assert _walk(page, site_url, PUBLIC, targets) == {}
    context.close()


def test_no_members_page_scrolls_sideways_at_320_px_with_the_largest_text(
    chromium, site_url, long_words
):
    viewer, targets = long_words
    page = logged_in_page(chromium, site_url, viewer, viewport=NARROWEST)
    assert _walk(page, site_url, MEMBERS, targets) == {}
    page.context.close()
