import os
import tempfile

import pytest
from django.core.cache import cache

from alongside.testing import browser as browser_support
from alongside.testing.factories import member

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# redis_server and redis_down, for the tests of the site without Redis.
pytest_plugins = ["alongside.testing.outages"]


def _clear_cache() -> None:
    # With Redis, clear() would flush the database other test workers share; delete our keys.
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_folder(tmp_path_factory):
    """Uploaded pictures from tests never land in the working tree's media folder."""
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fresh_cache():
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture
def communities(db):
    from alongside.demo.communities import communities_ensure

    return communities_ensure()


@pytest.fixture
def community(communities):
    """The MS community, served at localhost (the default site)."""
    return communities[0]


@pytest.fixture
def other_community(communities):
    """The RA community, served at ra.localhost."""
    return communities[1]


@pytest.fixture
def make_member(community):
    def make(target=None, **fields):
        return member(target or community, **fields)

    return make


@pytest.fixture
def client_for(client):
    from django.test import Client

    def make(user=None, host: str = "localhost"):
        logged_in = Client(HTTP_HOST=host)
        if user is not None:
            logged_in.force_login(user)
        return logged_in

    return make


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(_playwright):
    browser = _playwright.chromium.launch(
        executable_path=browser_support.chromium_path(), args=browser_support.CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport=browser_support.DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site_url(live_server):
    """The live server's address at localhost, so the MS community answers."""
    return live_server.url.replace("127.0.0.1", "localhost")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed browser test, keep a screenshot and the URL for whoever reads the log."""
    report = yield
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.failed and call.when == "call" and page is not None:
        path = os.path.join(tempfile.gettempdir(), f"failed-{item.name}.png")
        try:
            page.screenshot(path=path, full_page=True)
            report.sections.append(("browser", f"url: {page.url}\nscreenshot: {path}"))
        except Exception as error:
            report.sections.append(("browser", f"no screenshot: {error}"))
    return report


# The suites that run once first: the fuzz takes minutes on one worker. Collected in path order
# it would start last and run alone while the other worker had nothing left; first, the rest of
# the suite fills in around it and both workers end together.
_SLOW_FIRST = ("fuzz", "backup", "client")


def _slowness(item) -> int:
    for rank, mark in enumerate(_SLOW_FIRST):
        if item.get_closest_marker(mark) is not None:
            return rank
    return len(_SLOW_FIRST)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    items.sort(key=_slowness)  # stable: path order within each kind


def _empties_the_tables(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transaction = marker is not None and marker.kwargs.get("transaction", False)
    return transaction or {"live_server", "transactional_db"} & set(item.fixturenames)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (a browser test's live server, transaction=True) ends by emptying
    every table, the rows the migrations made included. Put those back, so that no test depends
    on what ran before it on its worker: the staff groups with their rights and the knowledge
    base's review workflow (the content types and permissions come back with the flush)."""
    result = yield
    if nextitem is not None and _empties_the_tables(item):  # none: the database is gone
        from django.apps import apps
        from pytest_django.plugin import blocking_manager_key

        from alongside.articles.roles import staff_roles_apply
        from alongside.treatments.roles import knowledge_review_ensure

        with item.config.stash[blocking_manager_key].unblock():
            staff_roles_apply(apps)
            knowledge_review_ensure(apps)
    return result
