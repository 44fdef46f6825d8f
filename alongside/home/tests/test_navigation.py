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


# The header and footer are rendered once for each kind of visitor and kept in the worker's
# memory (core/templatetags/alongside.py: site_header, site_footer). What is the visitor's own
# must still be theirs, and what shapes the copy must change it at once.


def _profile_links(html: str) -> set[str]:
    return set(re.findall(r'href="(/members/[^"]+/)">My profile', html))


def test_each_member_finds_their_own_profile_in_a_shared_header(community, make_member, client_for):
    ada, bo = make_member(), make_member()
    for member in (ada, bo, ada):
        html = client_for(member).get("/questions/").text
        assert _profile_links(html) == {f"/members/{member.public_id}/"}


def test_the_current_link_follows_the_page(community, make_member, client_for):
    client = client_for(make_member())
    for path, current in (
        ("/questions/", "/questions/"),
        ("/feed/", "/feed/"),
        ("/questions/ask/", "/questions/"),
        ("/", "/"),
    ):
        menu = _menu(client.get(path).text)
        marked = re.findall(r'<a href="([^"]+)" aria-current="page">', menu)
        assert set(marked) == {current}, (path, marked)


def test_every_link_in_the_navigation_is_one_segment_deep(community, make_member, client_for):
    """What the shared header's key assumes: a page's first path segment decides which link
    is current."""
    moderator = make_member(staff_role="moderator")
    for html in (client_for(moderator).get("/").text, client_for().get("/about/").text):
        links = re.findall(r'<li><a href="([^"]+)"', _menu(html).split("menu-account")[0])
        assert links
        for href in links:
            assert re.fullmatch(r"/([^/]+/)?", href), href


def test_unread_counts_in_the_header_are_the_members_own(community, make_member, client_for):
    from alongside.notifications.models import Kind
    from alongside.notifications.services import notification_create

    ada, bo = make_member(), make_member()
    notification_create(
        recipient=ada,
        community=community,
        kind=Kind.ANSWER,
        text="Bo answered your question.",
        dedupe_key="a",
        url="/questions/",
    )
    assert "Notifications (1)" in client_for(ada).get("/feed/").text
    assert "Notifications (1)" not in client_for(bo).get("/feed/").text
    assert "Notifications (1)" in client_for(ada).get("/feed/").text


def test_a_renamed_community_shows_its_new_name_at_once(community, make_member, client_for):
    client = client_for(make_member())
    assert community.name in client.get("/feed/").text
    from alongside.communities.services import community_save

    community.name = "MS Together"
    community_save(community=community)
    header = client.get("/feed/").text.split("</header>")[0]
    assert "MS Together" in header


def test_a_moderator_sees_the_desk_count_other_members_do_not(community, make_member, client_for):
    moderator, member = make_member(staff_role="moderator"), make_member()
    assert 'href="/moderation/' in _menu(client_for(moderator).get("/feed/").text)
    assert 'href="/moderation/' not in _menu(client_for(member).get("/feed/").text)


def test_the_display_form_returns_to_the_visitors_own_page(community, make_member):
    from django.test import Client

    member = make_member()
    for path in ("/questions/?sort=new", "/feed/?tab=team"):
        client = Client(enforce_csrf_checks=True)
        client.force_login(member)
        html = client.get(path).text
        form = html.split('class="display-form"')[1].split("</form>")[0]
        assert f'name="next" value="{path.replace("&", "&amp;")}"' in form
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        response = client.post(
            "/display/",
            {"csrfmiddlewaretoken": token, "text_size": "130", "theme": "dark", "next": path},
        )
        assert response.status_code == 302 and response["Location"] == path
        assert 'class="text-130"' in client.get(path).text
