"""Per-client request limits kept in Django's cache, shared by every worker in production."""

import functools
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render

# Generous: a person refining a search rarely manages one a second for a whole minute.
DEFAULT_SEARCH_LIMIT = (60, 60)  # requests, seconds


def client_ip(request):
    """The client's address. Behind N reverse proxies (TRUSTED_PROXY_COUNT = N), the address the
    outermost of them saw; otherwise REMOTE_ADDR.

    Only entries added by our own proxies are trusted: a client can put anything at the start of
    X-Forwarded-For, so the address is counted from the right.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0) or getattr(
        settings, "REUSE_TRUSTED_PROXIES", 0
    )
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"


def count_request(request, scope, allowed, window):
    """Count a request from this client; the window starts at its first request and lasts
    ``window`` seconds.

    Returns the whole seconds left in the window once the client has gone over ``allowed``,
    and None while it is within the limit.
    """
    key = f"ratelimit:{scope}:{client_ip(request)}"
    now = time.time()
    # The start is kept beside the count so that a refusal can say when to come back.
    cache.add(f"{key}:start", now, timeout=window)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: this request starts a new window.
        cache.set(f"{key}:start", now, timeout=window)
        cache.set(key, 1, timeout=window)
        count = 1
    if count <= allowed:
        return None
    started = cache.get(f"{key}:start", now)
    return max(1, math.ceil(started + window - now))


def _search_limit():
    value = getattr(settings, "SEARCH_RATE_LIMIT", DEFAULT_SEARCH_LIMIT)
    if not value or not value[0] or not value[1]:
        return None
    return value


def _too_many_searches(request, retry_after, as_json):
    message = (
        "You have searched very often in a short time. "
        f"Please wait {retry_after} seconds and try again."
    )
    if as_json:
        response = JsonResponse(
            {"errors": {"rate_limit": [message]}, "retry_after": retry_after}, status=429
        )
    else:
        response = render(
            request, "429.html", {"retry_after": retry_after, "message": message}, status=429
        )
    response["Retry-After"] = str(retry_after)
    return response


def limit_searches(as_json=False):
    """Refuse a client's searches for the rest of the window once it has made more than
    SEARCH_RATE_LIMIT = (requests, seconds) of them; None switches the limit off.

    The HTML page and the JSON API count against one allowance per client.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            limit = _search_limit()
            if limit:
                retry_after = count_request(request, "search", *limit)
                if retry_after is not None:
                    return _too_many_searches(request, retry_after, as_json)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
