"""axe-core on pages opened without JavaScript (checked on a scriptable copy of the HTML)."""

import pytest

from alongside.testing.browser import PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_runs_on_a_page_opened_without_javascript(community, chromium, site_url):
    context = chromium.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/about/")
    assert_accessible(page, label="no-JS about")
    context.close()


def test_axe_still_finds_problems_on_a_page_without_javascript(chromium):
    from alongside.testing.browser import axe_violations

    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}
    context.close()
