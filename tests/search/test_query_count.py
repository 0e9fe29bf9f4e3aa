"""A search costs the same number of SQL queries whatever the page size: no query per hit."""

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

import search.runner
from benchmarks.generate import generate
from search.documents import DOCUMENTS
from search.indexing import rebuild

pytestmark = pytest.mark.django_db

SEARCHES = [
    {"q": "trauma"},
    {"q": "staff", "theme": "schools"},
    {"place": "Leeds"},
    {"q": "ACEs", "sort": "newest"},
]


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """Sixty findings in a dozen projects, made once for the module and rolled back after."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            generate(60, seed=5, progress=lambda message: None)
            yield
            transaction.set_rollback(True)
        Site.clear_site_root_paths_cache()


@pytest.fixture
def site(generated, db, settings):
    settings.SEARCH_RATE_LIMIT = None


def queries_and_kinds(client, monkeypatch, path, params, page_size):
    monkeypatch.setattr(search.runner, "PAGE_SIZE", page_size)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    hits = response.context["results"].hits if path == "/search/" else response.json()["results"]
    kinds = {hit.kind if path == "/search/" else hit["kind"] for hit in hits}
    return len(queries), kinds, len(hits)


def assert_same_queries_at_10_and_50(client, monkeypatch, path, params):
    queries_and_kinds(client, monkeypatch, path, params, 10)  # warm caches (site, content types)
    small, small_kinds, small_hits = queries_and_kinds(client, monkeypatch, path, params, 10)
    large, large_kinds, large_hits = queries_and_kinds(client, monkeypatch, path, params, 50)
    # The larger page holds more hits, of both kinds, so that a query per hit (or per kind of
    # hit) would show.
    assert small_hits == 10 < large_hits
    assert "finding" in small_kinds
    assert large_kinds == {"project", "finding"}
    assert small == large


@pytest.mark.parametrize("path", ["/search/", "/api/search/"])
@pytest.mark.parametrize(
    "params", SEARCHES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items())
)
def test_database_search_queries_do_not_grow_with_the_page_size(
    client, monkeypatch, site, settings, path, params
):
    settings.SEARCH_BACKEND = "search.backends.database.DatabaseSearchBackend"
    assert_same_queries_at_10_and_50(client, monkeypatch, path, params)


@pytest.mark.elasticsearch
@pytest.mark.parametrize("path", ["/search/", "/api/search/"])
def test_elasticsearch_search_queries_do_not_grow_with_the_page_size(
    client, monkeypatch, site, settings, es_client, es_index_name, path
):
    settings.SEARCH_INDEX_PREFIX = es_index_name
    settings.SEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchSearchBackend"
    for document in DOCUMENTS:
        rebuild(es_client, document)
    for params in SEARCHES:
        assert_same_queries_at_10_and_50(client, monkeypatch, path, params)


@pytest.mark.parametrize("path", ["/search/", "/api/search/"])
def test_with_the_production_cache_table_queries_still_do_not_grow(
    client, monkeypatch, site, settings, path
):
    # In production the cache is a database table, so every cache read is a query too: the
    # site's root paths, which every hit's address needs, must be read once a page.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "search_query_count_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    Site.clear_site_root_paths_cache()
    settings.SEARCH_BACKEND = "search.backends.database.DatabaseSearchBackend"
    for params in SEARCHES:
        assert_same_queries_at_10_and_50(client, monkeypatch, path, params)


@pytest.mark.parametrize(
    "params", SEARCHES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items())
)
def test_a_search_reads_the_view_restrictions_once(client, site, settings, params):
    # The parameters, the hits' check and the theme suggestion all need them.
    settings.SEARCH_BACKEND = "search.backends.database.DatabaseSearchBackend"
    client.get("/api/search/", params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/search/", params).status_code == 200
    restrictions = [q for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]]

    assert len(restrictions) == 1
