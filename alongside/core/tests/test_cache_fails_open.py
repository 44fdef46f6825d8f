"""The production cache backend against a real Redis that goes away and comes back."""

import socket
import threading

import pytest
from django.core.cache import cache

from alongside.core import ratelimits
from alongside.core.cache import ResilientRedisCache, _breakers
from alongside.testing.outages import resilient_cache
from alongside.testing.services import free_port


def _backend(url: str, **options) -> ResilientRedisCache:
    params = resilient_cache(url, **options)["default"]
    return ResilientRedisCache(params["LOCATION"], params)


class _CountingListener:
    """A TCP port that accepts connections, counts them and closes them (a broken Redis)."""

    def __init__(self) -> None:
        self.accepted = 0
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            self.accepted += 1
            connection.close()

    def close(self) -> None:
        self._socket.close()


@pytest.fixture(autouse=True)
def _fresh_breakers():
    _breakers.clear()
    yield
    _breakers.clear()


def test_it_answers_a_miss_and_drops_writes_when_redis_is_down():
    backend = _backend(f"redis://127.0.0.1:{free_port()}/0")
    assert backend.get("page", "a miss") == "a miss"
    assert backend.set("page", "html") is False
    assert backend.get_many(["a", "b"]) == {}
    assert backend.get_or_set("generation", lambda: 7, None) == 7
    assert "page" not in backend


def test_it_stops_asking_a_failed_redis_until_the_breaker_closes():
    listener = _CountingListener()
    try:
        backend = _backend(f"redis://127.0.0.1:{listener.port}/0", BREAKER_SECONDS=60)
        backend.get("first")
        tried = listener.accepted
        for attempt in range(20):
            backend.get(f"key-{attempt}")
            backend.set(f"key-{attempt}", attempt)
        assert tried >= 1
        assert listener.accepted == tried
    finally:
        listener.close()


def test_it_uses_redis_again_once_it_is_back_without_a_restart(redis_server):
    backend = _backend(redis_server.url, BREAKER_SECONDS=0)
    backend.set("before", "kept")
    redis_server.stop()
    assert backend.get("before") is None
    assert backend.breaker.is_recovering()
    redis_server.start()
    assert backend.set("after", "stored") is True
    assert backend.get("after") == "stored"
    assert not backend.breaker.is_recovering()


def test_it_deletes_what_changed_during_the_outage_once_redis_answers(redis_server):
    """A session ended while Redis hung must not come back from Redis afterwards."""
    # Production's short timeouts: each operation on the hung server waits for one.
    backend = _backend(redis_server.url, BREAKER_SECONDS=0, SOCKET_TIMEOUT=0.25)
    backend.set("session:ended", {"user": 1})
    backend.set("page:purged", "old html")
    backend.set("generation", 5)
    with redis_server.frozen():
        backend.delete("session:ended")
        backend.set("page:purged", "new html")
        backend.get_or_set("generation", 9)
    assert backend.get("session:ended") is None
    assert backend.get("page:purged") is None
    assert backend.get("generation") == 5


def test_it_counts_rate_limits_in_process_while_redis_is_down(redis_down):
    results = [ratelimits.allow(scope="login", key="1.2.3.4", limit=3, seconds=60) for _ in "abcd"]
    assert results == [True, True, True, False]


def test_it_counts_rate_limits_in_redis_when_it_is_up(settings, redis_server):
    settings.CACHES = resilient_cache(redis_server.url)
    for _ in range(2):
        ratelimits.allow(scope="login", key="5.6.7.8", limit=3, seconds=60)
    assert cache.get("ratelimit:login:5.6.7.8") == 2
