"""A second or two of process memory in front of the shared cache.

Some values are read on every request and change rarely: which community a host name serves,
and the page cache's generation. With Redis each read is a network round trip; a short-lived
copy in the worker's memory spares it. A change made in another process is seen here within
`LOCAL_MEMO_SECONDS` (0 turns the memo off, as the tests do: they rebuild data between tests);
a change made in this process is seen at once, because the writer calls `forget`.
"""

import time

from django.conf import settings


class LocalMemo:
    def __init__(self, max_keys: int = 1024) -> None:
        self._values: dict[str, tuple[float, object]] = {}
        self._max_keys = max_keys

    def get(self, key: str, compute):
        """The remembered value of `key`, else `compute()` (remembered unless it is None)."""
        seconds = settings.LOCAL_MEMO_SECONDS
        if seconds <= 0:
            return compute()
        now = time.monotonic()
        remembered = self._values.get(key)
        if remembered is not None and remembered[0] > now:
            return remembered[1]
        value = compute()
        if value is not None:
            if len(self._values) >= self._max_keys:
                self._values.clear()
            self._values[key] = (now + seconds, value)
        return value

    def forget(self, key: str | None = None) -> None:
        if key is None:
            self._values.clear()
        else:
            self._values.pop(key, None)
