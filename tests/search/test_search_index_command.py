"""The search_index management command against a real Elasticsearch, and without one."""

from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from search.documents import FindingDocument, ProjectDocument
from search.indexing import indices_behind
from tests.factories import FindingFactory, ProjectPageFactory


def run(*args):
    out = StringIO()
    call_command("search_index", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_without_elasticsearch_the_command_explains_that_search_uses_the_database(settings):
    settings.ELASTICSEARCH_URL = None

    with pytest.raises(CommandError, match="ELASTICSEARCH_URL is not set"):
        run("status")


@pytest.mark.django_db
def test_an_unreachable_server_is_a_plain_error(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"

    with pytest.raises(CommandError, match="did not answer"):
        run("status")


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_rebuild_then_status_reports_the_indices_in_step_with_the_database(
    settings, es_client, es_index_name
):
    settings.SEARCH_INDEX_PREFIX = es_index_name
    FindingFactory(page=ProjectPageFactory())

    before = run("status")
    rebuilt = run("rebuild")
    after = run("status")

    assert "Projects: no index yet (1 in the database)" in before
    assert "Projects: 1 indexed" in rebuilt
    assert "Findings: 1 indexed" in rebuilt
    assert indices_behind(es_client, ProjectDocument.alias())
    assert indices_behind(es_client, FindingDocument.alias())
    assert "1 indexed, 1 in the database" in after
    assert "out of date" not in after
