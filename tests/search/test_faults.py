"""Search with Elasticsearch stopped or slow: the site answers from the database in bounded time
and says so, publishing goes on, and what the index missed reaches it when the server returns.

These tests start an Elasticsearch of their own (once for the module: it takes half a minute)
so that they can stop it, and put a relay that holds responses back in front of a real one.
"""

import io
import time

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest
from elasticsearch import Elasticsearch

from reviews.permissions import PROGRAMME_TEAM
from search import live
from search.backends.fallback import REDUCED_MODE
from search.documents import DOCUMENTS, FindingDocument, ProjectDocument
from search.indexing import rebuild
from search.models import PendingIndexUpdate
from tests.factories import FindingFactory, ProjectPageFactory, UserFactory
from tests.search.servers import ElasticsearchServer, SlowRelay
from tests.search.wagtail_index import create_indices

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

# A searcher waits at most the search timeout (2 s) plus the database's answer, which on a
# busy two-core machine can take a second or two; a server held up for good would take longer
# than the relay's delay.
BOUND = 6


@pytest.fixture(scope="module")
def own_server():
    server = ElasticsearchServer()
    try:
        server.start()
        yield server
    finally:
        server.remove()


def point_at(settings, url, prefix):
    """Send the site search, live updates and Wagtail's search to the server at ``url``."""
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = prefix
    default = {**settings.WAGTAILSEARCH_BACKENDS["default"]}
    default.update(URLS=[url], INDEX_PREFIX=f"{prefix}-wagtail-")
    settings.WAGTAILSEARCH_BACKENDS = {**settings.WAGTAILSEARCH_BACKENDS, "default": default}


def timed_get(client, path, params):
    started = time.monotonic()
    response = client.get(path, params)
    return response, time.monotonic() - started


def indexed(url, document):
    es = Elasticsearch(url, request_timeout=10)
    try:
        es.indices.refresh(index=document.alias())
        hits = es.search(index=document.alias(), size=100, source=["title", "headline"])
        return {int(hit["_id"]) for hit in hits["hits"]["hits"]}
    finally:
        es.close()


def in_wagtails_index(url, prefix):
    es = Elasticsearch(url, request_timeout=10)
    try:
        index = f"{prefix}-wagtail-wagtailcore_page"
        es.indices.refresh(index=index)
        hits = es.search(index=index, size=100, source=["title"])["hits"]["hits"]
        return {hit["_source"]["title"] for hit in hits}
    finally:
        es.close()


def test_slow_elasticsearch_is_given_up_on_in_bounded_time(
    settings, client, es_client, es_index_name
):
    settings.SEARCH_INDEX_PREFIX = es_index_name
    project = ProjectPageFactory(title="Kinship care")
    for document in DOCUMENTS:
        rebuild(es_client, document)

    with SlowRelay(settings.ELASTICSEARCH_URL, delay=15) as relay:
        settings.ELASTICSEARCH_URL = relay.url
        page, page_time = timed_get(client, "/search/", {"q": "kinship"})
        api, api_time = timed_get(client, "/api/search/", {"q": "kinship"})

    assert page.status_code == 200
    assert REDUCED_MODE in page.content.decode()
    assert "<mark>Kinship</mark> care" in page.content.decode()
    assert page_time < BOUND
    assert api.status_code == 200
    assert api.json()["warnings"] == [REDUCED_MODE]
    assert [hit["title"] for hit in api.json()["results"]] == [project.title]
    assert api_time < BOUND


def test_elasticsearch_down_then_back_loses_nothing(
    own_server, settings, client, es_index_name, django_capture_on_commit_callbacks, monkeypatch
):
    point_at(settings, own_server.url, es_index_name)
    es = Elasticsearch(own_server.url, request_timeout=30)
    for document in DOCUMENTS:
        rebuild(es, document)
    es.close()
    create_indices()
    before = ProjectPageFactory(title="Kinship care", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        before.save_revision().publish()
    assert indexed(own_server.url, ProjectDocument) == {before.pk}

    own_server.stop()

    page, page_time = timed_get(client, "/search/", {"q": "kinship"})
    assert page.status_code == 200
    assert REDUCED_MODE in page.content.decode()
    assert "<mark>Kinship</mark> care" in page.content.decode()
    assert page_time < BOUND
    api, api_time = timed_get(client, "/api/search/", {"q": "kinship"})
    assert api.json()["warnings"] == [REDUCED_MODE]
    assert api.json()["count"] == 1
    assert api_time < BOUND

    first = ProjectPageFactory(title="Youth clubs", live=False)
    FindingFactory(page=first, headline="Young people came back each week.")
    second = ProjectPageFactory(title="Custody suites", live=False)
    started = time.monotonic()
    for project in (first, second):
        with django_capture_on_commit_callbacks(execute=True):
            project.save_revision().publish()
    assert time.monotonic() - started < BOUND
    assert Page.objects.filter(pk__in=[first.pk, second.pk], live=True).count() == 2
    assert list(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == [
        first.pk,
        second.pk,
    ]

    point_at(settings, own_server.start(), es_index_name)

    # The health check, polled by monitoring, sends what was missed, a batch at a time.
    monkeypatch.setattr(live, "CATCH_UP_SIZE", 1)
    assert client.get("/health/").json()["status"] == "ok"
    assert indexed(own_server.url, ProjectDocument) == {before.pk, first.pk}
    assert list(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == [second.pk]

    call_command("search_index", "sync", stdout=io.StringIO())

    assert not PendingIndexUpdate.objects.exists()
    assert indexed(own_server.url, ProjectDocument) == {before.pk, first.pk, second.pk}
    assert indexed(own_server.url, FindingDocument) == set(
        first.findings.values_list("pk", flat=True)
    )
    assert {"Kinship care", "Youth clubs", "Custody suites"} <= in_wagtails_index(
        own_server.url, es_index_name
    )
    page = client.get("/search/", {"q": "custody"})
    assert REDUCED_MODE not in page.content.decode()
    assert "<mark>Custody</mark> suites" in page.content.decode()


# Last in the module: it leaves the module's server stopped.
def test_wagtails_own_search_answers_from_the_database_when_elasticsearch_is_down(
    own_server, settings, client, es_index_name, caplog
):
    point_at(settings, own_server.url, es_index_name)
    create_indices()
    project = ProjectPageFactory(title="Kinship care")
    draft = ProjectPageFactory(title="Kinship networks", live=False)
    get_search_backend().get_index_for_model(Page).refresh()
    editor = UserFactory(username="programme")
    editor.groups.add(Group.objects.get(name=PROGRAMME_TEAM))
    client.force_login(editor)
    # With the server up, Wagtail's answer comes from it, which holds no drafts.
    up = client.get("/admin/pages/search/", {"q": "kinship"}).content.decode()
    assert "Kinship care" in up
    assert "Kinship networks" not in up

    own_server.stop()

    page, page_time = timed_get(client, "/admin/pages/search/", {"q": "kinship"})
    assert page.status_code == 200
    # The database's index holds drafts too, so the editor finds them, as on a site without
    # Elasticsearch: the answer came from the database.
    assert "Kinship care" in page.content.decode()
    assert "Kinship networks" in page.content.decode()
    assert page_time < BOUND
    chooser, chooser_time = timed_get(client, "/admin/choose-page/search/", {"q": "kinship"})
    assert chooser.status_code == 200
    assert "Kinship networks" in chooser.content.decode()
    assert chooser_time < BOUND
    assert list(Page.objects.live().search("Kinship care")) == [project.page_ptr]
    assert list(Page.objects.live().autocomplete("kinsh")) == [project.page_ptr]
    # The filter and operator go to the database too: the draft alone has both words.
    assert list(Page.objects.live().search("kinship networks", operator="and")) == []
    assert list(Page.objects.search("kinship networks", operator="and")) == [draft.page_ptr]
    assert "answering from the database search backend instead" in caplog.text
