"""Fixtures for tests of the site with Redis away (registered in the root conftest.py).

`redis_down`: the site's cache is the production backend pointed at a port where nothing
listens. `redis_server`: a redis-server of the test's own that it may stop and start.
"""

import pytest

from alongside.core.cache import _breakers
from alongside.testing.services import TemporaryRedis, free_port


def resilient_cache(url: str, **options) -> dict:
    """CACHES with the production backend (alongside.core.cache) at `url`.

    Its timeouts are generous (2 s, as the test settings'): a Redis that is down refuses at
    once whatever they are, while one just started on a busy machine (two test workers and a
    browser on two cores) may take longer than production's 0.25 s to answer its first
    command, which made a restart test fail once in CI. Tests of a hung Redis pass short
    ones."""
    options = {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2, **options}
    options.setdefault("LOCAL_FALLBACK_PREFIXES", ["ratelimit:", "allauth:rl:"])
    backend = "alongside.core.cache.ResilientRedisCache"
    return {"default": {"BACKEND": backend, "LOCATION": url, "OPTIONS": options}}


@pytest.fixture
def redis_server():
    """A redis-server of this test's own, stopped at the end."""
    server = TemporaryRedis()
    server.start()
    yield server
    server.stop()
    _breakers.clear()


@pytest.fixture
def redis_down(settings):
    """The site's cache points at a port where no Redis listens (connection refused)."""
    settings.CACHES = resilient_cache(f"redis://127.0.0.1:{free_port()}/0")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield
    _breakers.clear()
