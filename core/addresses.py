"""The visitor's address, worked out once for everything that counts requests per client:
sign-in lockouts (django-axes), search limits and public form limits (django-ratelimit).

Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, each of which appends the address it received
from to ``X-Forwarded-For``, the visitor's address is the entry that many places from the right;
anything further left was written by the visitor and is not trusted. With no proxies, only the
connection's own address counts, so a visitor cannot choose an address by sending a header.
"""

from django.conf import settings

from ipware import get_client_ip

UNKNOWN = "unknown"


def client_ip(request):
    """The visitor's address as text, or ``"unknown"`` when the request carries none."""
    if request is None:
        return UNKNOWN
    remote = request.META.get("REMOTE_ADDR") or UNKNOWN
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not proxies:
        return remote
    # django-ipware counts the proxies listed in the header, which leaves out the last one (its
    # address is the connection's own), hence one fewer; not strict, so that a visitor's own
    # entries in front of ours cannot make the header be ignored.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or remote


def client_ip_for_ratelimit(group, request):
    """``client_ip`` in the form django-ratelimit calls a key function."""
    return client_ip(request)
