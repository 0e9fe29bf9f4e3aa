"""Wagtail's own Elasticsearch indices for tests: under a prefix of their own, created with their
mappings up front (rather than guessed by the server from the first document) and deleted after."""

import uuid
from contextlib import contextmanager

from django.conf import settings
from django.test import override_settings

from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models


def uses_elasticsearch():
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return "elasticsearch" in backend or backend == "search.wagtail_backend"


def create_indices():
    """Create every index Wagtail's default backend writes to, with its mappings."""
    backend = get_search_backend()
    created = set()
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        if index.name not in created:
            index.put()
            created.add(index.name)
        index.add_model(model)
    return backend


def delete_indices(backend, prefix):
    client = backend.es
    # The server refuses wildcard deletes (action.destructive_requires_name): name each one.
    names = list(client.indices.get(index=f"{prefix}*", expand_wildcards="all"))
    if names:
        client.indices.delete(index=",".join(names))


@contextmanager
def wagtail_indices(prefix=None):
    """Point Wagtail's Elasticsearch backend at fresh indices under ``prefix`` (by default one of
    this run's own); a no-op when Wagtail searches the database."""
    if not uses_elasticsearch():
        yield None
        return
    prefix = prefix or f"{settings.SEARCH_INDEX_PREFIX}-wagtail-{uuid.uuid4().hex[:8]}-"
    backends = {name: dict(conf) for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
    backends["default"]["INDEX_PREFIX"] = prefix
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        backend = create_indices()
        assert isinstance(backend, ElasticsearchBaseSearchBackend)
        try:
            yield backend
        finally:
            delete_indices(backend, prefix)
            backend.es.close()
