"""Search is limited per client: the page and the API share one allowance, set by a setting."""

from types import SimpleNamespace

from django.core.exceptions import ImproperlyConfigured

import django_ratelimit.core
import pytest

from fellowship.settings.base import _rate_limit, _seconds

# Any moment will do, as long as it does not move.
FROZEN = 1_800_000_000.0


@pytest.fixture
def limit_of_three(settings, monkeypatch):
    settings.SEARCH_RATE_LIMIT = (3, 60)
    # django-ratelimit counts in fixed windows: a test whose requests straddled the end of one
    # would see its count start again. Its clock stands still here.
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: FROZEN))


@pytest.mark.django_db
def test_search_page_refuses_the_request_after_the_limit_with_a_kind_page(client, limit_of_three):
    for _ in range(3):
        assert client.get("/search/", {"q": "letters"}).status_code == 200

    response = client.get("/search/", {"q": "letters"})

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    html = response.content.decode()
    assert "<h1>Please wait a moment</h1>" in html
    assert f"Please wait {response['Retry-After']} second" in html


@pytest.mark.django_db
def test_search_api_refuses_with_json_and_retry_after(client, limit_of_three):
    for _ in range(3):
        assert client.get("/api/search/", {"q": "letters"}).status_code == 200

    response = client.get("/api/search/", {"q": "letters"})

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["retry_after"] == int(response["Retry-After"])
    assert "searched very often" in body["errors"]["rate_limit"][0]


@pytest.mark.django_db
def test_page_and_api_count_against_one_allowance(client, limit_of_three):
    client.get("/search/")
    client.get("/api/search/")
    client.get("/search/")

    assert client.get("/api/search/").status_code == 429
    assert client.get("/search/").status_code == 429


@pytest.mark.django_db
def test_another_client_is_not_held_back(client, limit_of_three):
    for _ in range(4):
        client.get("/search/", REMOTE_ADDR="192.0.2.1")

    assert client.get("/search/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/search/", REMOTE_ADDR="192.0.2.2").status_code == 200


@pytest.mark.django_db
def test_behind_a_proxy_each_visitor_has_their_own_allowance(client, settings, limit_of_three):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(4):
        client.get("/search/", HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="10.0.0.1")

    blocked = client.get("/search/", HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="10.0.0.1")
    # A forged leftmost entry does not buy a fresh allowance.
    forged = client.get(
        "/search/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", REMOTE_ADDR="10.0.0.1"
    )
    other = client.get("/search/", HTTP_X_FORWARDED_FOR="198.51.100.8", REMOTE_ADDR="10.0.0.1")

    assert (blocked.status_code, forged.status_code, other.status_code) == (429, 429, 200)


@pytest.mark.django_db
def test_without_a_proxy_forwarded_headers_do_not_buy_a_fresh_allowance(
    client, settings, limit_of_three
):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(3):
        client.get(
            "/search/",
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
            HTTP_X_REAL_IP=f"198.51.100.{number}",
        )

    response = client.get(
        "/search/",
        REMOTE_ADDR="192.0.2.1",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
        HTTP_X_REAL_IP="198.51.100.99",
    )

    assert response.status_code == 429


@pytest.mark.django_db
def test_wagtail_api_search_shares_the_search_allowance(client, home, limit_of_three):
    client.get("/search/")
    client.get("/api/search/")
    assert client.get("/api/v2/pages/", {"search": "letters"}).status_code == 200

    refused = client.get("/api/v2/pages/", {"search": "letters"})

    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert refused.json()["retry_after"] == int(refused["Retry-After"])
    assert "searched very often" in refused.json()["errors"]["rate_limit"][0]
    assert client.get("/search/").status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_every_wagtail_api_endpoint_counts_its_searches(client, home, limit_of_three, endpoint):
    for _ in range(3):
        client.get(f"/api/v2/{endpoint}/", {"search": "letters"})

    assert client.get(f"/api/v2/{endpoint}/", {"search": "letters"}).status_code == 429


@pytest.mark.django_db
def test_wagtail_api_requests_without_a_search_are_not_counted(client, home, limit_of_three):
    for _ in range(5):
        assert client.get("/api/v2/pages/").status_code == 200

    assert client.get("/search/").status_code == 200


@pytest.mark.django_db
def test_the_limit_can_be_switched_off(client, settings):
    settings.SEARCH_RATE_LIMIT = None

    statuses = {client.get("/api/search/").status_code for _ in range(70)}

    assert statuses == {200}


def test_the_default_allows_sixty_searches_a_minute(monkeypatch):
    monkeypatch.delenv("SEARCH_RATE_LIMIT", raising=False)

    assert _rate_limit("SEARCH_RATE_LIMIT", "60/60") == (60, 60)


@pytest.mark.parametrize(
    ("value", "expected"), [("600/60", (600, 60)), ("off", None), ("0", None), ("0/60", None)]
)
def test_the_limit_is_read_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("SEARCH_RATE_LIMIT", value)

    assert _rate_limit("SEARCH_RATE_LIMIT", "60/60") == expected


def test_an_unreadable_limit_stops_start_up_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("SEARCH_RATE_LIMIT", "lots")

    with pytest.raises(ImproperlyConfigured, match='requests/seconds, for example "60/60"'):
        _rate_limit("SEARCH_RATE_LIMIT", "60/60")


@pytest.mark.parametrize("value", ["soon", "0", "-1", "inf"])
def test_an_unreadable_database_search_limit_stops_start_up_with_a_clear_message(
    monkeypatch, value
):
    monkeypatch.setenv("SEARCH_DATABASE_TIMEOUT", value)

    with pytest.raises(ImproperlyConfigured, match='a number of seconds above 0, for example "5"'):
        _seconds("SEARCH_DATABASE_TIMEOUT", "5")


def test_the_database_search_limit_reads_seconds(monkeypatch):
    monkeypatch.setenv("SEARCH_DATABASE_TIMEOUT", "2.5")
    assert _seconds("SEARCH_DATABASE_TIMEOUT", "5") == 2.5
    monkeypatch.delenv("SEARCH_DATABASE_TIMEOUT")
    assert _seconds("SEARCH_DATABASE_TIMEOUT", "5") == 5
