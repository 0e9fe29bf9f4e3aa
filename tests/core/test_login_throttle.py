"""One sign-in policy for every way in: five failed sign-ins for a username, or from an address,
lock it out for 15 minutes on every login route, even with the right password."""

import base64
import time

from django.contrib.auth.views import LoginView
from django.urls import URLResolver, get_resolver

from wagtail.admin.views.account import LoginView as WagtailAdminLoginView

import pytest

from core.signin import locked_out_message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN_URL = "/admin/login/"
FRONT_END_LOGIN_URL = "/_util/login/"
LOCKED_OUT_MESSAGE = "Too many failed sign-in attempts. Please wait 15 minutes before trying again."


def login_routes(patterns=None, prefix="/"):
    """Every address the URL configuration serves with Django's LoginView or a view built on it
    (Wagtail's admin login is one), so that a login route added later is tested too."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from login_routes(pattern.url_patterns, route)
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if isinstance(view_class, type) and issubclass(
            view_class, (LoginView, WagtailAdminLoginView)
        ):
            yield route


LOGIN_ROUTES = sorted(set(login_routes()))


@pytest.fixture
def editors():
    return (
        UserFactory(username="alice", is_superuser=True, is_staff=True),
        UserFactory(username="bob", is_superuser=True, is_staff=True),
    )


def attempt(client, username, password, ip="192.0.2.10", url=LOGIN_URL):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def signed_in(response):
    return response.status_code == 302


def is_lockout_page(response):
    return response.status_code == 429 and LOCKED_OUT_MESSAGE in response.content.decode()


def test_the_message_names_the_lockout_time():
    assert locked_out_message() == LOCKED_OUT_MESSAGE


def test_both_known_login_routes_are_found_by_the_walk():
    assert {LOGIN_URL, FRONT_END_LOGIN_URL} <= set(LOGIN_ROUTES)


@pytest.mark.parametrize("url", LOGIN_ROUTES)
def test_every_login_route_counts_failures_and_refuses_a_locked_account(client, editors, url):
    for _ in range(4):
        response = attempt(client, "alice", "wrong password", url=url)
        assert response.status_code == 200
        assert LOCKED_OUT_MESSAGE not in response.content.decode()

    # The fifth failure locks the account, and says so.
    assert is_lockout_page(attempt(client, "alice", "wrong password", url=url))
    refused = attempt(client, "alice", PASSWORD, ip="198.51.100.7", url=url)

    assert is_lockout_page(refused)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", LOGIN_ROUTES)
def test_every_login_route_honours_a_lock_made_on_another(client, editors, url):
    other = next(route for route in LOGIN_ROUTES if route != url)
    for _ in range(5):
        attempt(client, "alice", "wrong password", url=other)

    refused = attempt(client, "alice", PASSWORD, ip="198.51.100.7", url=url)

    assert is_lockout_page(refused)
    assert "_auth_user_id" not in client.session


def test_front_end_login_cannot_walk_around_an_admin_lockout(client, editors):
    for _ in range(5):
        attempt(client, "alice", "wrong password")

    refused = attempt(client, "alice", PASSWORD, url=FRONT_END_LOGIN_URL)

    assert is_lockout_page(refused)
    assert client.get("/admin/").status_code == 302


def test_the_lockout_page_looks_like_the_site_and_asks_to_wait(client, editors):
    for _ in range(5):
        attempt(client, "alice", "wrong password")

    response = attempt(client, "alice", PASSWORD)

    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "<h1>Signing in is paused</h1>" in html
    assert 'class="site-header' in html
    assert "Traceback" not in html


def test_fewer_than_five_failures_still_allow_sign_in(client, editors):
    for _ in range(4):
        attempt(client, "alice", "wrong password")

    assert signed_in(attempt(client, "alice", PASSWORD))


def test_locked_username_is_refused_from_another_address(client, editors):
    for _ in range(5):
        attempt(client, "alice", "wrong password", ip="192.0.2.10")

    response = attempt(client, "alice", PASSWORD, ip="198.51.100.7")

    assert is_lockout_page(response)


def test_locked_address_is_refused_for_another_username(client, editors):
    for number in range(5):
        attempt(client, f"guess{number}", "wrong password", ip="192.0.2.10")

    response = attempt(client, "bob", PASSWORD, ip="192.0.2.10")

    assert is_lockout_page(response)


def test_another_username_from_another_address_still_signs_in(client, editors):
    for _ in range(5):
        attempt(client, "alice", "wrong password", ip="192.0.2.10")

    assert signed_in(attempt(client, "bob", PASSWORD, ip="198.51.100.7"))


def test_success_clears_the_account_count_but_not_the_address_count(client, editors):
    for _ in range(4):
        attempt(client, "alice", "wrong password", ip="192.0.2.10")
    assert signed_in(attempt(client, "alice", PASSWORD, ip="192.0.2.10"))
    client.logout()

    # The address's four failures still count: one more failure, for anyone, locks it.
    attempt(client, "bob", "wrong password", ip="192.0.2.10")
    refused = attempt(client, "bob", PASSWORD, ip="192.0.2.10")
    assert is_lockout_page(refused)

    # Alice's own count was cleared, so from a fresh address four more failures do not lock her.
    for _ in range(4):
        attempt(client, "alice", "wrong password", ip="203.0.113.5")
    assert signed_in(attempt(client, "alice", PASSWORD, ip="203.0.113.5"))


def test_username_lock_ignores_letter_case(client, editors):
    for _ in range(5):
        attempt(client, "ALICE", "wrong password", ip="192.0.2.10")

    response = attempt(client, "alice", PASSWORD, ip="198.51.100.7")

    assert is_lockout_page(response)


def test_a_username_written_as_an_address_does_not_lock_that_address(client, editors):
    for _ in range(5):
        attempt(client, "198.51.100.7", "wrong password", ip="192.0.2.10")

    assert signed_in(attempt(client, "bob", PASSWORD, ip="198.51.100.7"))


def test_the_lockout_ends_after_15_minutes_however_often_it_is_tried(client, editors, monkeypatch):
    # The cache reads the clock through time.time, so moving it moves every count's expiry.
    start = time.time()
    clock = {"now": start}
    monkeypatch.setattr(time, "time", lambda: clock["now"])
    for _ in range(5):
        attempt(client, "alice", "wrong password")

    clock["now"] = start + 10 * 60
    assert is_lockout_page(attempt(client, "alice", PASSWORD))
    assert is_lockout_page(attempt(client, "alice", "wrong password"))

    clock["now"] = start + 16 * 60
    assert signed_in(attempt(client, "alice", PASSWORD))


def test_behind_a_proxy_the_forwarded_address_is_throttled(client, editors, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for number in range(5):
        client.post(
            LOGIN_URL,
            {"username": f"guess{number}", "password": "wrong password"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.10",
        )

    # A forged left-hand entry does not escape the lock on the visitor's real address.
    refused = client.post(
        LOGIN_URL,
        {"username": "bob", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="7.7.7.7, 192.0.2.10",
    )
    assert is_lockout_page(refused)

    # Other visitors coming through the same proxy are not locked out.
    allowed = client.post(
        LOGIN_URL,
        {"username": "bob", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert signed_in(allowed)


def basic(username, password):
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def test_the_wagtail_api_does_not_check_passwords_sent_with_http_basic(client, editors, home):
    # A password sent this way is neither checked nor counted: the API is no way to guess one.
    for _ in range(6):
        response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION=basic("alice", "wrong password"))
        assert response.status_code == 200

    assert signed_in(attempt(client, "alice", PASSWORD))


@pytest.mark.django_db
def test_guesses_at_a_page_password_are_limited_per_client(client, home, monkeypatch):
    from types import SimpleNamespace

    from wagtail.models import PageViewRestriction

    import django_ratelimit.core

    from core.signin import PAGE_PASSWORD_ATTEMPTS

    # Fixed windows: the count must not start again half way through the test.
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1.8e9))

    page = home.add_child(instance=home.__class__(title="Behind a password", slug="behind"))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    for _ in range(PAGE_PASSWORD_ATTEMPTS):
        response = client.post(url, {"password": "wrong", "return_url": "/behind/"})
        assert response.status_code == 200

    refused = client.post(url, {"password": "letmein", "return_url": "/behind/"})

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 15 * 60
    assert "Too many attempts at this page" in refused.content.decode()
    # Another visitor is not held up by the first one's guesses.
    other = client.post(
        url, {"password": "letmein", "return_url": "/behind/"}, REMOTE_ADDR="198.51.100.7"
    )
    assert other.status_code == 302
