"""Phone navigation: one disclosure menu that opens without JavaScript, and the primary
actions in a bar at the bottom of the screen for members."""

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


def test_members_get_the_primary_actions_in_a_bar_a_thumb_reaches(
    community, make_member, client_for
):
    html = client_for(make_member()).get("/resources/").text
    bar = re.search(r'<nav aria-label="Shortcuts" class="thumb-bar[^"]*">(.*?)</nav>', html, re.S)
    assert bar is not None
    assert 'href="/feed/"' in bar.group(1) and 'href="/questions/ask/"' in bar.group(1)
    assert 'class="thumb-bar' not in client_for().get("/resources/").text
