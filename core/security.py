"""Security headers on every response: a Content Security Policy and a Permissions-Policy.

Django's SecurityMiddleware already sends HSTS (production), X-Content-Type-Options,
Referrer-Policy and Cross-Origin-Opener-Policy, and XFrameOptionsMiddleware sends
X-Frame-Options; this adds what Django 5.2 has no setting for.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def serialise(policy):
    """``{"default-src": ["'self'"], ...}`` as the header's ``default-src 'self'; ...``."""
    return "; ".join(
        " ".join([directive, *sources]) if sources else directive
        for directive, sources in policy.items()
    )


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


class SecurityHeadersMiddleware:
    """Adds the public Content Security Policy, or the looser one the Wagtail admin needs to
    ``/admin/``, and the Permissions-Policy. A response that already carries a policy (Wagtail
    sends ``default-src 'none'`` with documents) keeps its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = serialise(_with_media_origin(settings.CSP_PUBLIC))
        self.admin_policy = serialise(_with_media_origin(settings.CSP_ADMIN))
        # A page previewed in the editor runs under the public policy, so that editors see what
        # readers will, except that the admin may frame it.
        self.preview_policy = serialise(
            _with_media_origin({**settings.CSP_PUBLIC, "frame-ancestors": ["'self'"]})
        )
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )
        self.admin_prefix = None

    def is_admin(self, request):
        if self.admin_prefix is None:
            # Resolved on first use: the URL configuration is not loaded when middleware is built.
            self.admin_prefix = reverse("wagtailadmin_home")
        return request.path_info.startswith(self.admin_prefix)

    def policy_for(self, request):
        # Wagtail renders a preview by sending a made-up request for the page's public address
        # through the middleware, marking it is_preview on the way.
        if getattr(request, "is_preview", False):
            return self.preview_policy
        return self.admin_policy if self.is_admin(request) else self.public_policy

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy_for(request)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        return response
