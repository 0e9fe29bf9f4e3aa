"""The Content Security Policy, sent by django-csp, in the three forms the site needs.

Django's SecurityMiddleware sends HSTS (production), X-Content-Type-Options, Referrer-Policy and
Cross-Origin-Opener-Policy, XFrameOptionsMiddleware sends X-Frame-Options, and
django-permissions-policy sends the Permissions-Policy from ``PERMISSIONS_POLICY``. django-csp
sends one policy from its settings; this site keeps two in its own (``CSP_PUBLIC``, strict, and
``CSP_ADMIN``, what the Wagtail admin needs) and a third derived for previews, so its middleware
is extended, as django-csp suggests, to pick one for each request.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from csp.middleware import CSPMiddleware


def csp_directives(policy):
    """``{"default-src": ["'self'"], "upgrade-insecure-requests": []}`` as django-csp expects
    it: a directive written without sources is switched on with True."""
    return {directive: list(sources) or True for directive, sources in policy.items()}


def _with_media_origin(policy):
    # Uploads can be served from another host (MEDIA_URL on a CDN); images and recordings there
    # must still load.
    parts = urlsplit(settings.MEDIA_URL)
    if not (parts.scheme and parts.netloc):
        return policy
    origin = f"{parts.scheme}://{parts.netloc}"
    policy = dict(policy)
    for directive in ("img-src", "media-src"):
        policy[directive] = [*policy.get(directive, policy["default-src"]), origin]
    return policy


def is_admin(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


def policy_for(request):
    """The public policy, the admin's looser one under ``/admin/``, or for a page previewed in
    the editor the public one that the admin may frame, so that editors see what readers will."""
    # Wagtail renders a preview by sending a made-up request for the page's public address
    # through the middleware, marking it is_preview on the way.
    if getattr(request, "is_preview", False):
        policy = {**settings.CSP_PUBLIC, "frame-ancestors": ["'self'"]}
    elif is_admin(request):
        policy = settings.CSP_ADMIN
    else:
        policy = settings.CSP_PUBLIC
    return csp_directives(_with_media_origin(policy))


class SitePolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy chosen by ``policy_for``. A response that already
    carries a policy (Wagtail sends ``default-src 'none'`` with documents) keeps its own, and a
    view's own ``@csp_override`` still wins."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            parts.config = policy_for(request)
        return parts
