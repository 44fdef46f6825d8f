"""Every page of the foundation in Chromium: axe-core at phone and desktop widths, TOTP log-in,
and the display controls without JavaScript."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from alongside.demo.accounts import staff_groups_ensure
from alongside.testing.browser import DESKTOP, PHONE, assert_accessible
from alongside.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/about/",
    "/privacy/",
    "/terms/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]
MEMBER_PAGES = [
    "/welcome/role/",
    "/welcome/conditions/",
    "/welcome/privacy/",
    "/settings/profile/",
    "/settings/privacy/",
    "/settings/data/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
]
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _current_code() -> str:
    import time

    return format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))


def _log_in(page, site_url, email):
    page.goto(site_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_every_foundation_page_passes_axe(community, make_member, page, site_url, viewport):
    page.set_viewport_size(viewport)
    for path in PUBLIC_PAGES:
        page.goto(site_url + path)
        assert_accessible(page, label=f"{path} at {viewport['width']}px")
    member = make_member(display_name="Robin")
    _log_in(page, site_url, member.email)
    for path in [*MEMBER_PAGES, f"/members/{member.public_id}/"]:
        page.goto(site_url + path)
        assert_accessible(page, label=f"{path} at {viewport['width']}px")


def test_a_member_logs_in_with_a_totp_code(community, make_member, page, site_url):
    member = make_member(display_name="Robin")
    TOTP.activate(member, SECRET)
    _log_in(page, site_url, member.email)
    page.get_by_label("Code", exact=True).fill("123456")
    page.get_by_role("button", name="Log in", exact=True).click()
    assert "Incorrect code" in page.locator("main").inner_text()
    assert_accessible(page, label="two-factor step")
    page.get_by_label("Code", exact=True).fill(_current_code())
    page.get_by_role("button", name="Log in", exact=True).click()
    page.get_by_role("button", name="Log out").wait_for()


def test_staff_reach_the_staff_console_only_after_two_factor(
    community, make_member, page, site_url
):
    editor = make_member(display_name="Editor")
    editor.is_staff = True
    editor.save()
    editor.groups.add(staff_groups_ensure()["Editors"])
    _log_in(page, site_url, editor.email)
    page.goto(site_url + "/admin/")
    assert page.url.endswith("/accounts/2fa/")
    assert "Staff accounts need two-factor authentication" in page.locator("main").inner_text()


def test_display_controls_and_sign_up_work_without_javascript(community, chromium, site_url):
    context = chromium.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/")
    page.get_by_label("Text size").select_option("150")
    page.get_by_label("Colours").select_option("dark")
    page.get_by_role("button", name="Apply").click()
    assert page.locator("html").get_attribute("class") == "text-150"
    assert page.locator("html").get_attribute("data-theme") == "dark"
    page.goto(site_url + "/accounts/signup/")
    page.get_by_label("Email").fill("nojs@example.org")
    page.get_by_label("Password", exact=True).fill("a long and unusual passphrase")
    page.get_by_label("The same password again").fill("a long and unusual passphrase")
    page.get_by_role("button", name="Sign up", exact=True).click()
    assert "Check your email" in page.locator("main").inner_text()
    context.close()


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_both_themes_at_the_largest_text_size_pass_axe(community, page, site_url, theme):
    host = site_url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [
            {"name": "text_size", "value": "150", "domain": host, "path": "/"},
            {"name": "theme", "value": theme, "domain": host, "path": "/"},
        ]
    )
    page.set_viewport_size(PHONE)
    for path in ("/", "/accounts/signup/", "/about/"):
        page.goto(site_url + path)
        assert page.locator("html").get_attribute("data-theme") == theme
        assert_accessible(page, label=f"{path} in the {theme} theme at 150%")
