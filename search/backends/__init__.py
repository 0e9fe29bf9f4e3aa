"""Search backends: the database backend always works; others plug in through a setting.

``SEARCH_BACKEND`` names a ``BaseSearchBackend`` subclass by dotted path; without it
Elasticsearch answers when ``ELASTICSEARCH_URL`` is set, and the database otherwise.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from search.backends.base import BaseSearchBackend

DEFAULT_BACKEND = "search.backends.database.DatabaseSearchBackend"
ELASTICSEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchSearchBackend"


def get_backend() -> BaseSearchBackend:
    """The configured search backend."""
    default = ELASTICSEARCH_BACKEND if settings.ELASTICSEARCH_URL else DEFAULT_BACKEND
    return import_string(getattr(settings, "SEARCH_BACKEND", None) or default)()


__all__ = ["BaseSearchBackend", "get_backend"]
