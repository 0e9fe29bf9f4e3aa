"""Admin login form that refuses further attempts after repeated failures."""

import hashlib

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.dispatch import receiver

from wagtail.admin.forms.auth import LoginForm

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60
LOCKOUT_SECONDS = 15 * 60
LOCKED_OUT_MESSAGE = "Too many failed sign-in attempts. Please wait 15 minutes before trying again."


def client_ip(request):
    if request is None:
        return "unknown"
    # Each trusted proxy appends the address it received from, so the entry that many places from
    # the right is the visitor's; entries further left were written by the visitor and are ignored.
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(kind, value, what):
    # Hashed so that arbitrary usernames make safe cache keys and stay out of the cache in clear.
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()
    return f"login-throttle:{what}:{kind}:{digest}"


def _subjects(username, request):
    subjects = [("ip", client_ip(request))]
    if username:
        subjects.append(("user", username))
    return subjects


def is_locked_out(username, request):
    return any(cache.get(_key(kind, value, "lock")) for kind, value in _subjects(username, request))


def record_failure(username, request):
    for kind, value in _subjects(username, request):
        count_key = _key(kind, value, "failures")
        cache.add(count_key, 0, WINDOW_SECONDS)
        try:
            failures = cache.incr(count_key)
        except ValueError:
            # The window expired between add and incr: this failure starts a new one.
            cache.set(count_key, 1, WINDOW_SECONDS)
            failures = 1
        if failures >= MAX_FAILURES:
            cache.set(_key(kind, value, "lock"), True, LOCKOUT_SECONDS)


@receiver(user_login_failed, dispatch_uid="core.login_throttle.failed")
def count_failed_login(sender, credentials, request=None, **kwargs):
    record_failure(credentials.get("username", ""), request)


@receiver(user_logged_in, dispatch_uid="core.login_throttle.succeeded")
def forget_failures_for_user(sender, request, user, **kwargs):
    # Only the account's own count is cleared: the address's count stays, so that one valid
    # account cannot be used to reset a guessing run against other accounts.
    cache.delete(_key("user", user.get_username(), "failures"))


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form, refusing sign-in while the username or address is locked out."""

    error_messages = {**LoginForm.error_messages, "locked_out": LOCKED_OUT_MESSAGE}

    def clean(self):
        if is_locked_out(self.data.get("username", ""), self.request):
            # Checked before authenticating, so a locked-out guess learns nothing about the password.
            raise ValidationError(self.error_messages["locked_out"], code="locked_out")
        return super().clean()
