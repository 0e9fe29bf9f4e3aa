"""Fixtures for tests against a real Elasticsearch: a client, and index names that are cleaned up."""

import uuid

from django.conf import settings

import pytest
from django_tasks.signals import task_enqueued
from elasticsearch import Elasticsearch

from search.documents import DOCUMENTS
from search.indexing import rebuild


@pytest.fixture(scope="session")
def es_client():
    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=30)
    yield client
    client.close()


@pytest.fixture
def es_index_name(es_client):
    """A fresh index name under the test prefix; whatever is created under it is deleted after."""
    name = f"{settings.SEARCH_INDEX_PREFIX}-{uuid.uuid4().hex[:12]}"
    yield name
    # The server refuses wildcard deletes (action.destructive_requires_name), so name each index.
    created = es_client.indices.get(index=f"{name}*", expand_wildcards="all")
    if created:
        es_client.indices.delete(index=",".join(created))


@pytest.fixture
def indices(settings, es_index_name, es_client, home):
    """Search indices under a fresh prefix, built from what the test set up before asking."""
    settings.SEARCH_INDEX_PREFIX = es_index_name
    for document in DOCUMENTS:
        rebuild(es_client, document)
    return es_index_name


@pytest.fixture
def sync_tasks():
    """The page ids of every ``sync_projects`` task enqueued, one list per task."""
    enqueued = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == "sync_projects":
            enqueued.append(list(task_result.args[0]))

    task_enqueued.connect(record, weak=False)
    yield enqueued
    task_enqueued.disconnect(record)
