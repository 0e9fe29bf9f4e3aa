"""Search backends: the database backend always works; others plug in through a setting.

``SEARCH_BACKEND`` names a ``BaseSearchBackend`` subclass by dotted path; without it the
database backend answers.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from search.backends.base import BaseSearchBackend

DEFAULT_BACKEND = "search.backends.database.DatabaseSearchBackend"


def get_backend() -> BaseSearchBackend:
    """The configured search backend."""
    return import_string(getattr(settings, "SEARCH_BACKEND", DEFAULT_BACKEND))()


__all__ = ["BaseSearchBackend", "get_backend"]
