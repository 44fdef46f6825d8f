"""Log a member into a Playwright browser context without typing a password."""

from django.conf import settings
from django.test import Client

from alongside.testing import browser as support


def logged_in_page(chromium, site_url, user, viewport=None):
    client = Client()
    client.force_login(user)
    context = chromium.new_context(viewport=viewport or support.DESKTOP)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site_url,
            }
        ]
    )
    return context.new_page()
