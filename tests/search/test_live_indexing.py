"""Publishing, unpublishing and deleting projects update the search indices as they happen."""

from django.core.management import call_command

import pytest

from search.backends.elasticsearch import ElasticsearchSearchBackend
from search.documents import DOCUMENTS, FindingDocument, ProjectDocument
from search.models import PendingIndexUpdate
from search.runner import run_search
from tests.factories import FindingFactory, ProjectPageFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db(transaction=False)]


def found(es_client, query):
    for document in DOCUMENTS:
        es_client.indices.refresh(index=document.alias())
    results = run_search({"q": query}, backend=ElasticsearchSearchBackend())
    return {(hit.kind, hit.pk) for hit in results.hits}


def indexed_ids(es_client, document):
    es_client.indices.refresh(index=document.alias())
    hits = es_client.search(index=document.alias(), size=100)["hits"]["hits"]
    return {int(hit["_id"]) for hit in hits}


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_publishing_makes_a_project_and_its_findings_findable(
    es_client, indices, django_capture_on_commit_callbacks
):
    project = ProjectPageFactory(title="Kinship care")
    finding = FindingFactory(page=project, headline="Grandparents felt unheard.")
    assert found(es_client, "kinship") == set()

    publish(project, django_capture_on_commit_callbacks)

    assert found(es_client, "kinship") == {("project", project.pk), ("finding", finding.pk)}
    assert found(es_client, "grandparents") == {("finding", finding.pk)}


def test_unpublished_changes_of_a_live_page_are_not_indexed(
    es_client, indices, django_capture_on_commit_callbacks
):
    project = ProjectPageFactory(title="Kinship care")
    publish(project, django_capture_on_commit_callbacks)

    project.title = "Secret draft title"
    with django_capture_on_commit_callbacks(execute=True):
        project.save_revision()

    assert found(es_client, "secret") == set()
    assert found(es_client, "kinship") == {("project", project.pk)}


def test_unpublishing_and_deleting_remove_the_documents(
    es_client, indices, django_capture_on_commit_callbacks
):
    unpublished = ProjectPageFactory(title="Kinship care")
    FindingFactory(page=unpublished, headline="Kinship carers felt alone.")
    deleted = ProjectPageFactory(title="Kinship letters")
    FindingFactory(page=deleted, headline="Kinship letters were read.")
    publish(unpublished, django_capture_on_commit_callbacks)
    publish(deleted, django_capture_on_commit_callbacks)
    assert len(found(es_client, "kinship")) == 4

    with django_capture_on_commit_callbacks(execute=True):
        unpublished.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        deleted.delete()

    assert found(es_client, "kinship") == set()
    assert indexed_ids(es_client, ProjectDocument) == set()
    assert indexed_ids(es_client, FindingDocument) == set()


def test_a_server_that_is_down_leaves_publishing_working_and_sync_replays_it(
    es_client, indices, settings, django_capture_on_commit_callbacks, client
):
    project = ProjectPageFactory(title="Kinship care")
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"

    publish(project, django_capture_on_commit_callbacks)

    project.refresh_from_db()
    assert project.live
    assert list(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == [project.pk]
    response = client.get("/search/", {"q": "kinship"})
    assert response.status_code == 200
    assert "Search is running in a reduced mode" in response.content.decode()
    assert "<mark>Kinship</mark> care" in response.content.decode()

    settings.ELASTICSEARCH_URL = real_url
    call_command("search_index", "sync", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert PendingIndexUpdate.objects.count() == 0
    assert found(es_client, "kinship") == {("project", project.pk)}
