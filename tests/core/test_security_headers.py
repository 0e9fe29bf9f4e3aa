"""Security headers on public pages, the API, feeds, documents and the admin."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings

from wagtail.documents.models import Document

import pytest
from csp.utils import build_policy

from core.security import csp_directives
from tests.csp import policy_directives


def directives(response):
    return policy_directives(response["Content-Security-Policy"])


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        "/",
        "/search/?q=letters",
        "/api/search/?q=letters",
        "/api/v2/pages/",
        "/feeds/findings/",
        "/sitemap.xml",
        "/no-such-page/",
    ],
)
def test_public_responses_carry_the_strict_policy(client, home, address):
    response = client.get(address)

    assert response.status_code in (200, 404)
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_admin_has_its_own_looser_policy(client, admin_user, signed_in):
    if signed_in:
        client.force_login(admin_user)

    response = client.get("/admin/" if signed_in else "/admin/login/")

    assert response.status_code == 200
    assert_common_headers(response)
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "blob:" in policy["img-src"]
    # The admin may frame its own previews, and nothing else may frame the admin.
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_documents_keep_wagtails_own_stricter_policy(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = Document.objects.create(title="Notes", file=ContentFile(b"notes", name="notes.txt"))

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert_common_headers(response)


@pytest.mark.django_db
def test_uploads_on_another_host_are_allowed_as_images(client, home):
    with override_settings(MEDIA_URL="https://media.example.org/uploads/"):
        response = client.get("/")

    policy = directives(response)
    assert policy["img-src"] == ["'self'", "data:", "https://media.example.org"]
    assert policy["script-src"] == ["'self'"]


def test_policies_are_written_as_the_header_expects():
    header = build_policy(
        config=csp_directives({"default-src": ["'self'"], "upgrade-insecure-requests": []})
    )

    assert sorted(part.strip() for part in header.split(";")) == [
        "default-src 'self'",
        "upgrade-insecure-requests",
    ]


@pytest.mark.django_db
def test_the_whole_public_policy_is_sent_and_nothing_else(client, home):
    response = client.get("/")

    assert directives(response) == {
        directive: sources for directive, sources in settings.CSP_PUBLIC.items()
    }


@pytest.mark.django_db
def test_the_permissions_policy_switches_off_every_listed_feature(client, home):
    response = client.get("/")

    sent = {part.strip() for part in response["Permissions-Policy"].split(",")}
    assert sent == {f"{feature}=()" for feature in settings.PERMISSIONS_POLICY}


@pytest.mark.django_db
def test_a_preview_keeps_the_public_policy_but_may_be_framed_by_the_admin(home):
    # Wagtail sends a made-up request for the page's own address through the middleware.
    response = home.make_preview_request()

    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
