"""Uploads through the real Wagtail admin views are limited in type and size: a refused file gets
a clear message and creates nothing, and the allowed types still go through."""

import io
import os

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

import pytest
from PIL import Image as PillowImage

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)


@pytest.fixture
def editor(client, admin_user, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        client.force_login(admin_user)
        yield client


def png(size=(20, 20), noise=False):
    image = PillowImage.new("RGB", size, "white")
    if noise:
        # Random pixels do not compress, so the file is about as large as the pixel data.
        image = PillowImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def add_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def add_document_by_drag_and_drop(client, name, content):
    return client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def add_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def form_errors(response):
    return [error for errors in response.context["form"].errors.values() for error in errors]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00"),
        ("report.html", b"<script>alert(1)</script>"),
        ("diagram.svg", SVG),
        ("macro.docm", b"PK\x03\x04"),
    ],
)
def test_document_of_a_refused_type_is_not_saved(editor, name, content):
    response = add_document(editor, name, content)

    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    [message] = form_errors(response)
    assert f"“{extension}” is not allowed" in message
    assert "pdf" in message
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_drag_and_drop_upload_refuses_a_type_with_the_same_message(editor):
    response = add_document_by_drag_and_drop(editor, "page.html", b"<h1>hi</h1>")

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "“html” is not allowed" in answer["error_message"]
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_document_over_the_size_limit_is_not_saved(editor):
    too_big = b"%PDF-1.4\n" + b"0" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE

    response = add_document(editor, "findings.pdf", too_big)

    assert response.status_code == 200
    messages = form_errors(response)
    assert any(
        "This file is too big" in m and "Maximum filesize 20.0\xa0MB" in m for m in messages
    ), messages
    assert not Document.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["findings.pdf", "survey.csv", "write-up.docx", "notes.txt"])
def test_document_of_an_allowed_type_is_saved(editor, name):
    response = add_document(editor, name, b"%PDF-1.4 small" if name.endswith(".pdf") else b"a,b\n")

    assert response.status_code == 302
    assert Document.objects.get().title == name


@pytest.mark.django_db
def test_svg_image_is_refused(editor):
    response = add_image(editor, "diagram.svg", SVG)

    assert response.status_code == 200
    [message] = form_errors(response)
    assert "Not a supported image format" in message
    assert "GIF, JPG, JPEG, PNG, WEBP" in message
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_image_over_the_size_limit_is_refused(editor, settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    # A real 10 MB image is slow to make; the limit is lowered to below a small noisy image.
    content = png(size=(100, 100), noise=True)
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(content) - 1

    response = add_image(editor, "chart.png", content)

    assert response.status_code == 200
    [message] = form_errors(response)
    assert "This file is too big" in message
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_image_of_an_allowed_type_is_saved(editor):
    response = add_image(editor, "chart.png", png())

    assert response.status_code == 302
    assert Image.objects.get().title == "chart.png"
