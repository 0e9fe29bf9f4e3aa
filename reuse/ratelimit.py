"""A small per-client limit on public form posts, kept in Django's cache."""

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = (5, 60 * 60)  # posts, seconds


def client_ip(request):
    """The client's address. Behind N reverse proxies (REUSE_TRUSTED_PROXIES = N), the address the
    outermost of them saw; otherwise REMOTE_ADDR.

    Only entries added by our own proxies are trusted: a client can put anything at the start of
    X-Forwarded-For, so the address is counted from the right.
    """
    proxies = getattr(settings, "REUSE_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"


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
