"""Redis as a cache that fails open: with Redis down the site runs on cache misses.

Every operation has a short socket timeout, and a circuit breaker (one per process and Redis
address) stops asking a Redis that just failed for `BREAKER_SECONDS`, so requests do not each
wait for it. While Redis is away:

- reads miss (`get` answers the caller's default, `get_many` nothing, `has_key` False);
- writes are dropped, and the keys they changed are deleted from Redis as soon as it answers
  again, so nothing written before the outage (a session since ended, a page since purged)
  comes back stale (a dropped `add` changed nothing, so it is not among them);
- keys under `LOCAL_FALLBACK_PREFIXES` (rate-limit counters) are kept in this process's memory
  instead, so limits still hold, per process, until Redis is back.

Settings: `CACHES["default"]["OPTIONS"]` takes `BREAKER_SECONDS` (default 5) and
`LOCAL_FALLBACK_PREFIXES` besides django-redis's own options.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_FAILURES = (ConnectionInterrupted, RedisError, OSError)
# A bounded memory of keys to delete once Redis answers; past it, the oldest are forgotten.
_MAX_UNSYNCED = 10_000


class CircuitBreaker:
    """Open for `seconds` after a failure; then one caller tries again (half-open)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._open_until = 0.0
        self._tripped = False
        self.unsynced: dict[str, None] = {}
        self.lock = threading.Lock()

    def is_open(self) -> bool:
        return self._tripped and time.monotonic() < self._open_until

    def is_recovering(self) -> bool:
        return self._tripped

    def trip(self, error: BaseException) -> None:
        if not self._tripped:
            logger.warning("Cache unavailable, serving without it: %s", error)
        self._tripped = True
        self._open_until = time.monotonic() + self.seconds

    def close(self) -> None:
        if self._tripped:
            logger.warning("Cache available again")
        self._tripped = False

    def remember(self, keys) -> None:
        with self.lock:
            for key in keys:
                self.unsynced[key] = None
            while len(self.unsynced) > _MAX_UNSYNCED:
                self.unsynced.pop(next(iter(self.unsynced)))


_breakers: dict[str, CircuitBreaker] = {}


def _breaker_for(server: str, seconds: float) -> CircuitBreaker:
    """Shared by every thread's cache object for this Redis (Django makes one per thread)."""
    return _breakers.setdefault(server, CircuitBreaker(seconds))


def _keys_of(name: str, args: tuple, kwargs: dict) -> list[str]:
    if name in ("get_many", "delete_many"):
        return list(args[0] if args else kwargs.get("keys", ()))
    if name == "set_many":
        return list(args[0] if args else kwargs.get("data", {}))
    return [args[0] if args else kwargs["key"]]


class ResilientRedisCache(RedisCache):
    # Writes whose loss may leave a stale value in Redis. Not `add`: it never replaces a
    # value, so a lost one leaves nothing stale (and get_or_set's add is no purge).
    _WRITES = frozenset({"set", "delete", "touch", "incr", "decr", "set_many", "delete_many"})

    def __init__(self, server: str, params: dict) -> None:
        options = dict(params.get("OPTIONS", {}))
        seconds = float(options.pop("BREAKER_SECONDS", 5))
        self._local_prefixes = tuple(options.pop("LOCAL_FALLBACK_PREFIXES", ()))
        # Errors must reach this class (django-redis would otherwise swallow them unseen).
        options["IGNORE_EXCEPTIONS"] = False
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = _breaker_for(server, seconds)
        self._local = LocMemCache(f"fallback-{server}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})

    def _attempt(self, name: str, args: tuple, kwargs: dict, fallback):
        keys = _keys_of(name, args, kwargs)
        if not self.breaker.is_open():
            try:
                if self.breaker.is_recovering():
                    self._resync()
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except _FAILURES as error:
                self.breaker.trip(error)
            else:
                self.breaker.close()
                return result
        return self._degraded(name, keys, args, kwargs, fallback)

    def _degraded(self, name: str, keys: list[str], args: tuple, kwargs: dict, fallback):
        if keys and all(str(key).startswith(self._local_prefixes) for key in keys):
            return getattr(self._local, name)(*args, **kwargs)
        if name in self._WRITES:
            self.breaker.remember(keys)
        return fallback()

    def _resync(self) -> None:
        """Delete from Redis what changed while it was away (raises if it is still away)."""
        with self.breaker.lock:
            keys = list(self.breaker.unsynced)
        if keys:
            RedisCache.delete_many(self, keys)
        with self.breaker.lock:
            for key in keys:
                self.breaker.unsynced.pop(key, None)

    def get(self, key, default=None, version=None):
        return self._attempt("get", (key, default, version), {}, lambda: default)

    def get_many(self, *args, **kwargs):
        return self._attempt("get_many", args, kwargs, dict)

    def has_key(self, *args, **kwargs):
        return self._attempt("has_key", args, kwargs, lambda: False)

    def set(self, *args, **kwargs):
        return self._attempt("set", args, kwargs, lambda: False)

    def add(self, *args, **kwargs):
        return self._attempt("add", args, kwargs, lambda: False)

    def touch(self, *args, **kwargs):
        return self._attempt("touch", args, kwargs, lambda: False)

    def delete(self, *args, **kwargs):
        return self._attempt("delete", args, kwargs, lambda: False)

    def set_many(self, *args, **kwargs):
        return self._attempt("set_many", args, kwargs, list)

    def delete_many(self, *args, **kwargs):
        return self._attempt("delete_many", args, kwargs, lambda: None)

    def incr(self, *args, **kwargs):
        return self._attempt("incr", args, kwargs, _no_such_key)

    def decr(self, *args, **kwargs):
        return self._attempt("decr", args, kwargs, _no_such_key)

    def delete_pattern(self, *args, **kwargs):
        return self._unkeyed("delete_pattern", args, kwargs, lambda: 0)

    def clear(self, *args, **kwargs):
        return self._unkeyed("clear", args, kwargs, lambda: None)

    def _unkeyed(self, name: str, args: tuple, kwargs: dict, fallback):
        if self.breaker.is_open():
            return fallback()
        try:
            result = getattr(RedisCache, name)(self, *args, **kwargs)
        except _FAILURES as error:
            self.breaker.trip(error)
            return fallback()
        self.breaker.close()
        return result


def _no_such_key():
    """What Django's incr does for a key it does not hold: callers already handle it."""
    raise ValueError("The cache is unavailable")
