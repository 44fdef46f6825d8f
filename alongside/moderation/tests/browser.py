"""Browser contexts for the network's journeys: a member logged in, with or without JavaScript.

axe-core needs JavaScript: never call assert_accessible on a page made with javascript=False
(page.evaluate waits forever there).
"""

from django.conf import settings
from django.test import Client

from alongside.testing import browser as support


def page_for(chromium, site_url, user=None, *, viewport=None, javascript: bool = True):
    context = chromium.new_context(
        viewport=viewport or support.DESKTOP, java_script_enabled=javascript
    )
    context.set_default_timeout(15_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site_url}]
        )
    return context.new_page()
