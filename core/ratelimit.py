"""Per-client request limits, counted by django-ratelimit in Django's cache (shared by every worker
in production) and keyed on the one proxy-aware client address of ``core.addresses``.

Only django-ratelimit's counting is used, not its app: its system check refuses Django's
database cache, which production uses, because that cache's increment is not atomic. Under
simultaneous requests from one client a count may then be short by a request or two; these limits
keep the site quick for everyone and are not accounts, so that is accepted rather than running
another service for the cache.
"""

import functools

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator

from django_ratelimit.core import get_usage

from core.addresses import client_ip_for_ratelimit

# Generous: a person refining a search rarely manages one a second for a whole minute.
DEFAULT_SEARCH_LIMIT = (60, 60)  # requests, seconds


def count_request(request, scope, allowed, window):
    """Count a request from this client against ``allowed`` requests in ``window`` seconds.

    Returns the whole seconds until the client may try again once it has gone over the limit,
    and None while it is within it.
    """
    usage = get_usage(
        request,
        group=scope,
        key=client_ip_for_ratelimit,
        rate=(allowed, window),
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    return min(window, max(1, usage["time_left"]))


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


def limit_searches(as_json=False, when=None):
    """Refuse a client's searches for the rest of the window once it has made more than
    SEARCH_RATE_LIMIT = (requests, seconds) of them; None switches the limit off.

    Every view so decorated counts against one allowance per client; ``when(request)``, if
    given, says whether a request is a search at all.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            limit = _search_limit()
            if limit and (when is None or when(request)):
                retry_after = count_request(request, "search", *limit)
                if retry_after is not None:
                    return _too_many_searches(request, retry_after, as_json)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _is_api_search(request):
    return "search" in request.GET


# For Wagtail API endpoints (a class decorator): a request with ?search= is a search like any
# other, and shares the allowance of the search page and the search API.
limit_api_searches = method_decorator(
    limit_searches(as_json=True, when=_is_api_search), name="dispatch"
)
