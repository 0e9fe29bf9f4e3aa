"""Choosing the search backend: the database backend always works; others plug in through a
setting.

``SEARCH_BACKEND`` names a ``BaseSearchBackend`` subclass by dotted path; without it
Elasticsearch answers when ``ELASTICSEARCH_URL`` is set, and the database otherwise. Any backend
other than the database's is wrapped in a ``FallbackBackend`` that answers from the database
when it cannot: that choice is made here and nowhere else.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from search.backends.base import BaseSearchBackend
from search.backends.database import DatabaseSearchBackend
from search.backends.fallback import FallbackBackend

DEFAULT_BACKEND = "search.backends.database.DatabaseSearchBackend"
ELASTICSEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchSearchBackend"


def get_backend() -> BaseSearchBackend:
    """The configured search backend, for one search."""
    default = ELASTICSEARCH_BACKEND if settings.ELASTICSEARCH_URL else DEFAULT_BACKEND
    backend = import_string(getattr(settings, "SEARCH_BACKEND", None) or default)()
    if isinstance(backend, DatabaseSearchBackend):
        return backend
    return FallbackBackend(backend, DatabaseSearchBackend())
