"""Wagtail's API v2 shows live, public projects with their findings and themes, and nothing else."""

from wagtail.models import Collection, CollectionViewRestriction

import pytest
from wagtail_factories import DocumentFactory, ImageFactory

from tests.reuse.conftest import publish

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v2/pages/?type=projects.ProjectPage&fields=*"


def test_projects_listing_shows_findings_themes_and_fellows(client, project):
    response = client.get(PROJECTS)

    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["title"] == "Warm letters"
    assert [t["name"] for t in item["themes"]] == ["Belonging"]
    assert [f["name"] for f in item["fellows"]] == ["Asha Patel"]
    assert [f["headline"] for f in item["findings"]] == [
        "Warm letters reduced missed appointments.",
        "Staff liked writing them.",
    ]
    assert {f["key"] for f in item["findings"]} == set(
        project.findings.values_list("key", flat=True)
    )


def test_drafts_and_private_projects_are_not_listed(
    client, project, draft_project, private_project
):
    body = client.get(PROJECTS).content.decode()

    assert "Warm letters" in body
    for secret in ("DRAFT-PROJECT", "DRAFT-FINDING", "PRIVATE-PROJECT", "PRIVATE-FINDING"):
        assert secret not in body


def test_draft_and_private_project_details_are_404(client, draft_project, private_project):
    assert client.get(f"/api/v2/pages/{draft_project.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private_project.pk}/").status_code == 404


def test_private_project_is_hidden_even_from_a_signed_in_user(
    client, django_user_model, private_project
):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))

    assert client.get(f"/api/v2/pages/{private_project.pk}/").status_code == 404
    assert "PRIVATE-PROJECT" not in client.get(PROJECTS).content.decode()


def test_unpublished_changes_of_a_live_project_stay_out(client, project_with_draft_changes):
    response = client.get(f"/api/v2/pages/{project_with_draft_changes.pk}/")

    assert response.status_code == 200
    assert response.json()["title"] == "Warm letters"
    body = response.content.decode()
    assert "UNPUBLISHED" not in body


def test_mentor_notes_cannot_be_asked_for(client, project):
    refused = client.get("/api/v2/pages/?type=projects.ProjectPage&fields=mentor_notes")
    assert refused.status_code == 400
    assert "mentor_notes" in refused.json()["message"]

    detail = client.get(f"/api/v2/pages/{project.pk}/?fields=*")
    assert "mentor_notes" not in detail.json()
    assert "MENTOR-ONLY" not in detail.content.decode()


def test_filtering_on_mentor_notes_is_refused(client, project):
    response = client.get("/api/v2/pages/?type=projects.ProjectPage&mentor_notes=MENTOR-ONLY")

    assert response.status_code == 400


def test_no_email_address_appears_anywhere_in_the_api(client, project, hostile_project):
    project.mentors.create(name="A mentor", email="mentor.person@example.org")
    publish(project)

    for url in (PROJECTS, f"/api/v2/pages/{project.pk}/?fields=*", "/api/v2/pages/"):
        body = client.get(url).content.decode()
        assert "@" not in body, url


def test_unknown_page_id_is_404(client, project):
    assert client.get("/api/v2/pages/999999/").status_code == 404


def test_images_and_documents_only_those_shown_on_public_projects(client, project, draft_project):
    shown_image, draft_image = ImageFactory(title="Shown"), ImageFactory(title="Draft only")
    shown_doc, draft_doc = DocumentFactory(title="Slides"), DocumentFactory(title="Draft slides")
    project.body = [
        ("image", {"image": shown_image, "alt_text": "A letter", "caption": ""}),
        ("document", {"document": shown_doc, "title": "Slides"}),
    ]
    publish(project)
    draft_project.body = [
        ("image", {"image": draft_image, "alt_text": "Draft", "caption": ""}),
        ("document", {"document": draft_doc, "title": "Draft slides"}),
    ]
    draft_project.save_revision()

    images = [item["id"] for item in client.get("/api/v2/images/").json()["items"]]
    documents = [item["id"] for item in client.get("/api/v2/documents/").json()["items"]]

    assert images == [shown_image.pk]
    assert documents == [shown_doc.pk]
    assert client.get(f"/api/v2/images/{draft_image.pk}/").status_code == 404
    assert client.get(f"/api/v2/documents/{draft_doc.pk}/").status_code == 404


def test_documents_in_a_restricted_collection_are_left_out(client, project):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = DocumentFactory(title="Private slides", collection=private)
    project.body = [("document", {"document": document, "title": "Slides"})]
    publish(project)

    assert client.get("/api/v2/documents/").json()["items"] == []


def test_finding_a_draft_by_its_address_is_404(client, project, draft_project):
    found = client.get(f"/api/v2/pages/find/?html_path={project.url}")
    assert found.status_code == 302

    response = client.get(f"/api/v2/pages/find/?html_path={draft_project.url}")
    assert response.status_code == 404


def test_browsable_api_escapes_markup(client, hostile_project):
    response = client.get(f"/api/v2/pages/{hostile_project.pk}/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "query",
    ["order=mentor_notes", "fields=mentors", "fields=fellows(email)", "fields=findings(page)"],
)
def test_private_fields_cannot_be_ordered_on_or_expanded(client, project, query):
    response = client.get(f"/api/v2/pages/?type=projects.ProjectPage&{query}")

    assert response.status_code == 400


@pytest.mark.parametrize("query", ["fields=fellows(*)", "fields=*", "search=MENTOR-ONLY"])
def test_wildcards_and_search_reveal_no_private_text(client, project, query):
    body = client.get(f"/api/v2/pages/?type=projects.ProjectPage&{query}").content.decode()

    assert "MENTOR-ONLY" not in body
    assert "@" not in body


def test_a_projects_content_note_comes_with_it_and_with_each_of_its_findings(client, project):
    project.content_note = "Discusses childhood neglect."
    publish(project)

    (item,) = client.get(PROJECTS).json()["items"]
    assert item["content_note"] == "Discusses childhood neglect."
    assert {f["content_note"] for f in item["findings"]} == {"Discusses childhood neglect."}
