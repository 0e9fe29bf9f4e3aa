"""Repeated failed sign-ins to the admin lock out the username and the address for 15 minutes."""

import pytest

from core.forms import LOCKED_OUT_MESSAGE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN_URL = "/admin/login/"


@pytest.fixture
def editors():
    return (
        UserFactory(username="alice", is_superuser=True, is_staff=True),
        UserFactory(username="bob", is_superuser=True, is_staff=True),
    )


def attempt(client, username, password, ip="192.0.2.10"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def signed_in(response):
    return response.status_code == 302


def test_sixth_attempt_is_refused_even_with_the_right_password(client, editors):
    for _ in range(5):
        response = attempt(client, "alice", "wrong password")
        assert response.status_code == 200
        assert LOCKED_OUT_MESSAGE not in response.content.decode()

    response = attempt(client, "alice", PASSWORD)

    assert response.status_code == 200
    assert LOCKED_OUT_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_fewer_than_five_failures_still_allow_sign_in(client, editors):
    for _ in range(4):
        attempt(client, "alice", "wrong password")

    assert signed_in(attempt(client, "alice", PASSWORD))


def test_locked_username_is_refused_from_another_address(client, editors):
    for _ in range(5):
        attempt(client, "alice", "wrong password", ip="192.0.2.10")

    response = attempt(client, "alice", PASSWORD, ip="198.51.100.7")

    assert LOCKED_OUT_MESSAGE in response.content.decode()


def test_locked_address_is_refused_for_another_username(client, editors):
    for number in range(5):
        attempt(client, f"guess{number}", "wrong password", ip="192.0.2.10")

    response = attempt(client, "bob", PASSWORD, ip="192.0.2.10")

    assert LOCKED_OUT_MESSAGE in response.content.decode()


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
    assert LOCKED_OUT_MESSAGE in refused.content.decode()

    # Alice's own count was cleared, so from a fresh address four more failures do not lock her.
    for _ in range(4):
        attempt(client, "alice", "wrong password", ip="203.0.113.5")
    assert signed_in(attempt(client, "alice", PASSWORD, ip="203.0.113.5"))


def test_username_lock_ignores_letter_case(client, editors):
    for _ in range(5):
        attempt(client, "ALICE", "wrong password", ip="192.0.2.10")

    response = attempt(client, "alice", PASSWORD, ip="198.51.100.7")

    assert LOCKED_OUT_MESSAGE in response.content.decode()


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
    assert LOCKED_OUT_MESSAGE in refused.content.decode()

    # Other visitors coming through the same proxy are not locked out.
    allowed = client.post(
        LOGIN_URL,
        {"username": "bob", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert signed_in(allowed)
