"""Under the production settings, signing in sets session and CSRF cookies that only travel over
HTTPS, stay out of reach of scripts (the session) and are not sent on cross-site requests."""

import json

from django.core.cache import cache
from django.test import Client, override_settings

import pytest

from tests.core.test_production_settings import production_environment, run_manage

COOKIE_AND_TRANSPORT_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "X_FRAME_OPTIONS",
]


@pytest.fixture(scope="module")
def production_values(tmp_path_factory):
    """The cookie and transport settings exactly as the production settings module computes them."""
    environment = production_environment(
        tmp_path_factory.mktemp("production") / "db.sqlite3",
        unset={"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"},
    )
    # Behind one proxy, as docker compose deploys it.
    environment["TRUSTED_PROXY_COUNT"] = "1"
    names = json.dumps(COOKIE_AND_TRANSPORT_SETTINGS)
    result = run_manage(
        environment,
        "shell",
        "-c",
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names}}}))",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def signed_in(production_values, django_user_model):
    """The responses to a real sign-in over HTTPS under the production values."""
    cache.clear()
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password")
    with override_settings(**production_values, ALLOWED_HOSTS=["example.org"]):
        client = Client(enforce_csrf_checks=True, HTTP_HOST="example.org")
        form = client.get("/admin/login/", secure=True)
        token = form.cookies["csrftoken"].value
        answer = client.post(
            "/admin/login/",
            {"username": "editor", "password": "a-long-password", "csrfmiddlewaretoken": token},
            secure=True,
            HTTP_REFERER="https://example.org/admin/login/",
        )
        plain_http = client.get("/admin/login/")
    cache.clear()
    return form, answer, plain_http


@pytest.mark.django_db
def test_session_cookie_is_secure_http_only_and_same_site(signed_in):
    _, answer, _ = signed_in

    assert answer.status_code == 302
    assert answer["Location"] == "/admin/"
    session = answer.cookies["sessionid"].output()
    assert "; Secure" in session
    assert "; HttpOnly" in session
    assert "SameSite=Lax" in session


@pytest.mark.django_db
def test_csrf_cookie_is_secure_and_same_site(signed_in):
    form, answer, _ = signed_in

    for response in (form, answer):
        csrf = response.cookies["csrftoken"].output()
        assert "; Secure" in csrf
        assert "SameSite=Lax" in csrf


@pytest.mark.django_db
def test_https_responses_carry_hsts_and_plain_http_is_redirected(signed_in):
    form, _, plain_http = signed_in

    assert form["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert form["X-Frame-Options"] == "DENY"
    assert plain_http.status_code == 301
    assert plain_http["Location"] == "https://example.org/admin/login/"
