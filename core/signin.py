"""One sign-in policy for every way in, kept by django-axes.

Axes checks every call of Django's ``authenticate()`` (its backend comes first in
``AUTHENTICATION_BACKENDS``) and counts every ``user_login_failed`` signal, so the Wagtail admin's
login, the front-end login for restricted pages and any sign-in added later share one count. Five
failures for a username, or from an address, each within 15 minutes of the one before, lock that
username or address out for 15 minutes, even with the right password. This module holds the site's side of it: how a
username is counted, the plain page a locked-out visitor sees, and the rule that a successful
sign-in clears only its own account's count.
"""

import functools

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import render

from axes.handlers.proxy import AxesProxyHandler

from core.ratelimit import count_request


def lockout_minutes():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out_message():
    return (
        "Too many failed sign-in attempts. "
        f"Please wait {lockout_minutes()} minutes before trying again."
    )


def username_key(request, credentials):
    """The username as Axes counts it: letter case ignored, and marked as a username.

    Axes keeps each count under a hash of its value alone, so without the mark a username typed
    as "192.0.2.10" would share the count of that address and could lock it out.
    """
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    return f"user:{(username or '').strip().lower()}"


def locked_out(request, original_response=None, credentials=None):
    """The page every sign-in form answers with while the username or address is locked out."""
    response = render(
        request,
        "core/locked_out.html",
        {"message": locked_out_message(), "minutes": lockout_minutes()},
        status=429,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


@receiver(user_logged_in, dispatch_uid="core.signin.forget_failures_for_user")
def forget_failures_for_user(sender, request, user, **kwargs):
    # Only the account's own count is cleared: the address's count stays, so that one valid
    # account cannot be used to reset a guessing run against other accounts.
    AxesProxyHandler.reset_attempts(
        username=username_key(request, {"username": user.get_username()})
    )


# Passwords that protect single pages are not accounts, so Axes never sees them; guesses at them
# are limited per client instead, with the same window as the sign-in lockout.
PAGE_PASSWORD_ATTEMPTS = 10


def limit_page_password_guesses(view):
    """Refuse a client's page-password attempts for a while once it has made too many."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            window = int(settings.AXES_COOLOFF_TIME.total_seconds())
            retry_after = count_request(request, "page-password", PAGE_PASSWORD_ATTEMPTS, window)
            if retry_after is not None:
                response = render(
                    request,
                    "core/locked_out.html",
                    {
                        "message": "Too many attempts at this page's password. "
                        f"Please wait {lockout_minutes()} minutes before trying again.",
                        "minutes": lockout_minutes(),
                    },
                    status=429,
                )
                response["Retry-After"] = str(retry_after)
                return response
        return view(request, *args, **kwargs)

    return wrapper
