"""Phone navigation: one disclosure menu that opens without JavaScript, and a returning
member's primary actions first on their home."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _menu(html: str) -> str:
    found = re.search(r'<details class="menu[^"]*">(.*?)</details>', html, re.S)
    assert found, "the header has no <details> menu"
    return found.group(1)


def test_the_phone_menu_is_a_details_disclosure_with_every_link(community, make_member, client_for):
    menu = _menu(client_for(make_member()).get("/questions/").text)
    assert "<summary>" in menu and "Menu" in menu
    for href in ("/feed/", "/questions/", "/messages/", "/notifications/", "/settings/profile/"):
        assert f'href="{href}"' in menu
    assert 'aria-current="page"' in menu
    assert "Log out" in menu


def test_visitors_find_log_in_and_sign_up_in_the_menu(community, client_for):
    menu = _menu(client_for().get("/about/").text)
    assert "Log in" in menu and "Sign up" in menu
    assert 'href="/feed/"' not in menu


def test_a_returning_member_finds_the_primary_actions_first_on_their_home(
    community, make_member, client_for
):
    from datetime import timedelta

    from django.utils import timezone

    from alongside.communities.models import Membership

    member = make_member()
    earlier = timezone.now() - timedelta(days=1)
    Membership.objects.filter(user=member).update(previous_visit_at=earlier)
    html = client_for(member).get("/").text
    actions = html.split('class="primary-actions"')[1].split("</nav>")[0]
    assert 'href="/feed/#update-form"' in actions and 'href="/questions/ask/"' in actions
    assert html.index('class="primary-actions"') < html.index('id="news-title"')
