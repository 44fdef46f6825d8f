import pytest

from alongside.conversations.models import Update
from alongside.testing.browser import PHONE, assert_accessible, main_link_follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["375", "1280"])
def test_a_member_searches_from_the_navigation(community, make_member, page, site_url, viewport):
    member = make_member(display_name="Wren")
    Update.objects.create(community=community, author=member, body="Cooling vest saved my walk")
    page.context.add_cookies(_session_cookie(member, site_url))
    page.set_viewport_size(viewport)
    page.goto(site_url + "/")
    main_link_follow(page, "Search")
    page.get_by_label("Search articles, questions, treatments and updates").fill("cooling")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="Members' updates").wait_for()
    assert "Cooling vest saved my walk" in page.locator("main").inner_text()
    assert_accessible(page, label="search results")


def _session_cookie(user, site_url):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": site_url}]
