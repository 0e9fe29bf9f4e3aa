"""The one place an Elasticsearch client is made, with a named timeout for each kind of work.

A searcher, an editor publishing a page, the health check and a rebuild wait on the server for
very different lengths of time; each asks for its client by that purpose. Clients are kept per
address and purpose for the life of the process: they are thread-safe, and reusing their open
connections spares every request a new one (kitsune's ``es_client`` does the same). A rebuild,
rare and long, gets a client of its own that it closes when done.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

from elasticsearch import Elasticsearch


@dataclass(frozen=True)
class Patience:
    """How long to wait for an answer, and how many times to ask again after a failure."""

    timeout: float
    retries: int


# A search page must answer quickly even when the search server does not: the database
# answers instead.
SEARCH = Patience(timeout=2, retries=0)
# Publishing should not wait long on a server that is down or hung; a missed update is replayed.
UPDATE = Patience(timeout=5, retries=0)
# Monitoring polls often; a stuck cluster must not hold a worker for long.
HEALTH = Patience(timeout=1, retries=0)
# A rebuild sends thousands of documents a request, and nobody is waiting on a page for it.
REBUILD = Patience(timeout=30, retries=3)


def new_client(patience, url=None):
    """A new client for ``ELASTICSEARCH_URL`` (or ``url``) that waits as ``patience`` says; the
    caller closes it."""
    url = url or settings.ELASTICSEARCH_URL
    return Elasticsearch(url, request_timeout=patience.timeout, max_retries=patience.retries)


@lru_cache(maxsize=16)
def _shared_client(url, patience):
    return new_client(patience, url)


def get_client(patience=SEARCH, url=None):
    """The process's client for ``ELASTICSEARCH_URL`` (or ``url``) with this ``patience``: kept
    open for the next request, so never closed by its users."""
    return _shared_client(url or settings.ELASTICSEARCH_URL, patience)


def search_client():
    """For answering searches: gives up after two seconds."""
    return get_client(SEARCH)


def update_client():
    """For keeping the indices in step with edits as they happen."""
    return get_client(UPDATE)


def health_client():
    """For the health check."""
    return get_client(HEALTH)


def rebuild_client():
    """For rebuilding the indices and for management commands: a new client, to be closed."""
    return new_client(REBUILD)
