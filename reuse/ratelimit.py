"""A small per-client limit on public form posts, counted as ``core.ratelimit`` counts searches."""

from django.conf import settings

from core.ratelimit import count_request

DEFAULT_LIMIT = (5, 60 * 60)  # posts, seconds


def limit():
    return getattr(settings, "REUSE_RATE_LIMIT", DEFAULT_LIMIT)


def hit(request, scope):
    """Count a post from this client; False once it has made more posts than the limit allows."""
    return count_request(request, scope, *limit()) is None


def window_minutes():
    return max(1, limit()[1] // 60)
