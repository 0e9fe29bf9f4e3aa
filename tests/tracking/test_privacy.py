"""Nothing of a check-in reaches a public page, search, a feed, the API or the sitemap."""

from django.urls import reverse

import pytest

from tests.tracking.conftest import SECRET_NOTE, SECRET_STEP

pytestmark = pytest.mark.django_db


def public_addresses(scene):
    project = scene.project
    return [
        project.url,
        scene.people.cohort.url,
        reverse("search") + "?q=interviews",
        reverse("search") + "?q=recruitment",
        "/api/search/?q=interviews",
        f"/api/v2/pages/{project.pk}/",
        "/api/v2/pages/?type=projects.ProjectPage&fields=*",
        "/sitemap.xml",
    ]


def test_check_in_notes_and_next_steps_never_reach_public_addresses(client, scene):
    addresses = public_addresses(scene) + [reverse("reuse_findings_feed")]
    seen = {}
    for address in addresses:
        response = client.get(address, follow=True)
        body = response.content.decode(errors="replace")
        seen[address] = response.status_code
        assert SECRET_NOTE not in body and SECRET_STEP not in body, address
    assert seen[scene.project.url] == 200
