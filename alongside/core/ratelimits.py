"""Fixed-window rate limits in the Django cache (shared by every web process with Redis)."""

from django.core.cache import cache


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
    return request.META.get("REMOTE_ADDR", "")
