"""The real services the search tests run against answer, and have what the site needs."""

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

import pytest
from elasticsearch_dsl import Index

from projects.models import ProjectPage
from search.analysis import british_english, british_english_search
from search.backends.database.matching import wagtail_database_backend
from tests.factories import ProjectPageFactory


def analyse(es_client, index, analyser, text):
    response = es_client.indices.analyze(index=index, analyzer=analyser, text=text)
    return [token["token"] for token in response["tokens"]]


@pytest.mark.elasticsearch
def test_elasticsearch_is_a_healthy_8_19_server(es_client):
    # The root endpoint (GET /, ping) lives in a module the test server lacks: ask the nodes.
    (node,) = es_client.nodes.info()["nodes"].values()
    assert node["version"].startswith("8.19.")
    assert es_client.cluster.health(wait_for_status="yellow", timeout="10s")["status"] in {
        "green",
        "yellow",
    }


@pytest.mark.elasticsearch
def test_british_english_analyser_stems_plurals_to_real_words(es_client, es_index_name):
    index = Index(es_index_name)
    index.analyzer(british_english())
    index.create(using=es_client)

    tokens = analyse(es_client, es_index_name, "british_english", "Behaviours of organisations")

    assert tokens == ["behaviour", "of", "organisation"]
    assert analyse(es_client, es_index_name, "british_english", "Café") == ["cafe"]


@pytest.mark.elasticsearch
def test_search_analyser_expands_the_sectors_synonyms_both_ways(es_client, es_index_name):
    index = Index(es_index_name)
    index.analyzer(british_english_search())
    index.create(using=es_client)

    from_acronym = analyse(es_client, es_index_name, "british_english_search", "ACEs")
    from_words = analyse(
        es_client, es_index_name, "british_english_search", "adverse childhood experience"
    )

    assert {"ace", "adverse", "childhood", "experience"} <= set(from_acronym)
    assert "ace" in from_words
    # The stemmer runs first, so the singular expands too.
    assert "adverse" in analyse(es_client, es_index_name, "british_english_search", "ACE")
    assert "trauma" in analyse(es_client, es_index_name, "british_english_search", "TIP")


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_wagtail_elasticsearch8_backend_indexes_and_finds_a_project(es_index_name):
    backend = get_search_backend(
        "wagtail.search.backends.elasticsearch8",
        URLS=[settings.ELASTICSEARCH_URL],
        INDEX_PREFIX=f"{es_index_name}-",
    )
    project = ProjectPageFactory(
        title="Trauma informed custody suites", summary="Changing behaviours at the front desk."
    )
    index = backend.get_index_for_model(ProjectPage)
    index.put()
    index.add_model(ProjectPage)
    index.add_item(project)
    index.refresh()

    found = backend.search("custody", ProjectPage)
    # Wagtail's autocomplete relies on the edge n-gram filter of analysis-common.
    completed = backend.autocomplete("Trau", ProjectPage)

    assert [page.pk for page in found] == [project.pk]
    assert [page.pk for page in completed] == [project.pk]


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_has_every_migration_applied():
    executor = MigrationExecutor(connection)

    assert connection.vendor == "postgresql"
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert Site.objects.get(is_default_site=True).root_page.depth == 2


@pytest.mark.postgres
@pytest.mark.django_db
def test_database_search_on_postgresql_stems_english_words():
    project = ProjectPageFactory(title="School exclusions", summary="Changing behaviours in class.")

    # Wagtail's database index, whether it is the default or kept beside Elasticsearch.
    found = wagtail_database_backend().search("behaviour", Page.objects.live())

    assert project.page_ptr in list(found)
