"""Rebuilding indices behind aliases on a real Elasticsearch, and querying them."""

import pytest
from elasticsearch import helpers

from search.documents import FindingDocument, ProjectDocument
from search.indexing import bulk_index, indices_behind, rebuild, remove_objects
from tests.factories import FindingFactory, ProjectPageFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def prefix(settings, es_index_name):
    settings.SEARCH_INDEX_PREFIX = es_index_name
    return es_index_name


def matching_ids(es_client, document, query):
    response = es_client.search(
        index=document.alias(),
        query={"multi_match": {"query": query, "fields": ["headline", "detail", "recommendation"]}},
    )
    return {int(hit["_id"]) for hit in response["hits"]["hits"]}


def test_rebuild_moves_the_alias_to_a_new_index_and_drops_the_old(es_client, prefix):
    project = ProjectPageFactory(title="Custody suites")
    counts = []

    first = rebuild(es_client, ProjectDocument, progress=counts.append)
    second = rebuild(es_client, ProjectDocument)

    assert first != second
    assert indices_behind(es_client, ProjectDocument.alias()) == [second]
    assert indices_behind(es_client, ProjectDocument.write_alias()) == [second]
    assert not es_client.indices.exists(index=first)
    assert counts[-1] == 1
    hit = es_client.get(index=ProjectDocument.alias(), id=project.pk)
    assert hit["_source"]["title"] == "Custody suites"


def test_updates_during_a_rebuild_go_to_the_new_index(es_client, prefix):
    first_project = ProjectPageFactory(title="Before the rebuild")
    rebuild(es_client, ProjectDocument)
    published_meanwhile = []

    def publish_during_rebuild(count):
        if not published_meanwhile:
            page = ProjectPageFactory(title="Published during the rebuild")
            bulk_index(es_client, ProjectDocument, ProjectDocument.write_alias(), [page])
            published_meanwhile.append(page)
            # Searches still read the complete old index, not the half-built new one.
            assert es_client.count(index=ProjectDocument.alias())["count"] == 1

    rebuild(es_client, ProjectDocument, progress=publish_during_rebuild)
    es_client.indices.refresh(index=ProjectDocument.alias())

    found = {hit["_id"] for hit in es_client.search(index=ProjectDocument.alias())["hits"]["hits"]}
    assert found == {str(first_project.pk), str(published_meanwhile[0].pk)}


def test_findings_are_found_by_british_stem_and_by_sector_synonym(es_client, prefix):
    project = ProjectPageFactory()
    behaviour = FindingFactory(
        page=project, headline="Staff behaviours changed when they were listened to."
    )
    aces = FindingFactory(
        page=project, headline="Asking about adverse childhood experiences felt safe."
    )
    FindingFactory(page=project, headline="Letters in plain words were read.")

    rebuild(es_client, FindingDocument)

    assert matching_ids(es_client, FindingDocument, "behaviour") == {behaviour.pk}
    assert matching_ids(es_client, FindingDocument, "ACEs") == {aces.pk}
    assert matching_ids(es_client, FindingDocument, "ACE") == {aces.pk}


def test_a_failed_rebuild_leaves_the_alias_on_the_old_index(es_client, prefix, monkeypatch):
    ProjectPageFactory()
    first = rebuild(es_client, ProjectDocument)

    def broken_field_values(obj, context=None):
        raise RuntimeError("database went away")

    # What every document's source is read from.
    monkeypatch.setattr(ProjectDocument, "field_values", broken_field_values)
    with pytest.raises(RuntimeError):
        rebuild(es_client, ProjectDocument)

    assert indices_behind(es_client, ProjectDocument.alias()) == [first]
    assert indices_behind(es_client, ProjectDocument.write_alias()) == [first]
    assert es_client.indices.get(index=f"{prefix}*").keys() == {first}


def test_live_updates_add_replace_and_remove_documents(es_client, prefix):
    project = ProjectPageFactory(title="First title")
    rebuild(es_client, ProjectDocument)
    later = ProjectPageFactory(title="Published later")

    project.title = "Second title"
    bulk_index(es_client, ProjectDocument, ProjectDocument.write_alias(), [project, later])
    remove_objects(es_client, ProjectDocument, [later.pk, 999_999])
    es_client.indices.refresh(index=ProjectDocument.alias())

    hits = es_client.search(index=ProjectDocument.alias())["hits"]["hits"]
    assert [(hit["_id"], hit["_source"]["title"]) for hit in hits] == [
        (str(project.pk), "Second title")
    ]


def test_live_updates_never_create_an_index_before_the_first_build(es_client, prefix):
    project = ProjectPageFactory()

    with pytest.raises(helpers.BulkIndexError):
        bulk_index(es_client, ProjectDocument, ProjectDocument.write_alias(), [project])

    assert not es_client.indices.exists(index=ProjectDocument.write_alias())
