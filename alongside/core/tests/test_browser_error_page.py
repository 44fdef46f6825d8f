"""The "back in a moment" page, with a member's typed text, is accessible and fits a phone."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from alongside.core.errors import error_response
from alongside.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_error_page_with_typed_text_is_accessible_at_320_pixels(community, chromium, site_url):
    request = RequestFactory().post("/feed/new/", {"body": "A long day, " * 40, "title": "Tired"})
    request.community = community
    html = error_response(request=request, error=OperationalError("gone")).content.decode()
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    # The page as the server sent it, with the site's real stylesheets around it.
    page.route(
        "**/error-page-preview", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto(site_url + "/error-page-preview")
    assert page.get_by_role("heading", level=1).inner_text() == "We are back in a moment"
    assert page.get_by_label("Title").input_value() == "Tired"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page, label="error page")
    context.close()
