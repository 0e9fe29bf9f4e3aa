"""The images and documents API reads the public projects' write-ups once per change, not per request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest
from wagtail_factories import DocumentFactory, ImageFactory

from tests.factories import ProjectPageFactory
from tests.reuse.conftest import publish

pytestmark = pytest.mark.django_db

IMAGES = "/api/v2/images/"


def project_showing(image, document):
    page = ProjectPageFactory()
    page.body = [
        ("image", {"image": image, "alt_text": "A letter", "caption": ""}),
        ("document", {"document": document, "title": "Slides"}),
    ]
    return publish(page)


def add_projects(count):
    return [project_showing(ImageFactory(), DocumentFactory()) for _ in range(count)]


def queries_for(client, address):
    client.get(address)  # the first request after a change works the answer out
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("address", [IMAGES, "/api/v2/documents/"])
def test_queries_do_not_grow_with_the_number_of_public_projects(client, home, address):
    # Every project shows the same image and document, so that the listing stays the same size.
    image, document = ImageFactory(), DocumentFactory()
    for _ in range(2):
        project_showing(image, document)
    few = queries_for(client, address)
    for _ in range(8):
        project_showing(image, document)
    many = queries_for(client, address)

    assert many == few


def ids(client, address=IMAGES):
    return {item["id"] for item in client.get(address).json()["items"]}


def test_an_image_published_on_a_project_is_listed_at_once(client, home):
    add_projects(1)
    assert len(ids(client)) == 1

    image = ImageFactory()
    project_showing(image, DocumentFactory())

    assert image.pk in ids(client)


def test_an_image_is_dropped_when_its_project_is_unpublished_or_restricted(client, home):
    shown, hidden = add_projects(2)
    image_of = {page.pk: page.body[0].value["image"].pk for page in (shown, hidden)}
    assert ids(client) == set(image_of.values())

    hidden.unpublish()
    assert ids(client) == {image_of[shown.pk]}

    PageViewRestriction.objects.create(page=shown, restriction_type=PageViewRestriction.LOGIN)
    assert ids(client) == set()


def test_an_image_is_dropped_when_a_new_revision_removes_it(client, home):
    (page,) = add_projects(1)
    assert len(ids(client)) == 1

    page.body = []
    publish(page)

    assert ids(client) == set()
