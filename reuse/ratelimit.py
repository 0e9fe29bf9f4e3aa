"""A small per-client limit on public form posts, kept in Django's cache."""

from django.conf import settings
from django.core.cache import cache

from core.ratelimit import client_ip

DEFAULT_LIMIT = (5, 60 * 60)  # posts, seconds


def limit():
    return getattr(settings, "REUSE_RATE_LIMIT", DEFAULT_LIMIT)


def hit(request, scope):
    """Count a post from this client; False once it has made more posts than the limit allows.

    The window starts at the client's first post and lasts the limit's number of seconds.
    """
    allowed, window = limit()
    key = f"ratelimit:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: this post starts a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= allowed


def window_minutes():
    return max(1, limit()[1] // 60)
