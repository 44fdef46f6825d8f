"""Fixed-window rate limits in the Django cache (shared by every web process with Redis), and
the client address they count by."""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def allow(*, scope: str, key: str, limit: int, seconds: int) -> bool:
    """Count one attempt; False once `limit` attempts were made in this window."""
    name = f"ratelimit:{scope}:{key}"
    cache.add(name, 0, seconds)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, seconds)
        count = 1
    return count <= limit


def client_ip(request) -> str:
    """The visitor's address. Without settings.TRUSTED_PROXY_COUNT it is the socket's, and
    X-Forwarded-For is ignored (anyone can write it). Behind n proxies of ours, each appends
    the address it saw, so the visitor is the n-th entry from the right; entries further left
    were written by the visitor and are never trusted."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:  # it did not come through all of our proxies
        return remote
    return _address(hops[-count]) or remote


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.removeprefix("[").split("]")[0]))
    except ValueError:
        return None


def address_digest(address: str) -> str:
    """A keyed digest of a client address: enough to recognise it again (a moderator's block),
    without keeping the address itself. Empty for an empty address."""
    if not address:
        return ""
    return salted_hmac("alongside.client-address", address, algorithm="sha256").hexdigest()
