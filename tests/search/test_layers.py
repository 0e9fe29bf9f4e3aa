"""The shape of search/: backends that do not know each other, put together in one factory, and
one place that makes Elasticsearch clients."""

import ast
from pathlib import Path

import pytest

from search import client as clients
from search.backends.base import BackendResponse, BackendUnavailable, BaseSearchBackend
from search.backends.database import DatabaseSearchBackend
from search.backends.factory import get_backend
from search.backends.fallback import REDUCED_MODE, FallbackBackend

SEARCH = Path(clients.__file__).resolve().parent


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_neither_backend_imports_the_other():
    elasticsearch = imported_modules(SEARCH / "backends" / "elasticsearch.py")
    database = set().union(
        *(imported_modules(path) for path in (SEARCH / "backends" / "database").glob("*.py"))
    )

    assert not any(name.startswith("search.backends.database") for name in elasticsearch)
    assert not any(name.startswith("search.backends.elasticsearch") for name in database)


def test_only_the_client_module_builds_elasticsearch_clients():
    builders = [
        path.relative_to(SEARCH)
        for path in SEARCH.rglob("*.py")
        if "Elasticsearch(" in path.read_text(encoding="utf-8")
    ]
    assert builders == [Path("client.py")]


class Answers(BaseSearchBackend):
    """A backend that answers with a fixed total, or is unavailable."""

    def __init__(self, name, total=None):
        self.name, self.total, self.asked = name, total, []

    def search(self, request, offset, limit):
        self.asked.append("search")
        if self.total is None:
            raise BackendUnavailable("down")
        return BackendResponse(total=self.total, hits=[], facets={})

    def suggest(self, request):
        self.asked.append("suggest")
        if self.total is None:
            raise BackendUnavailable("down")
        return self.name


def test_the_fallback_answers_with_a_note_once_the_primary_is_unavailable():
    primary, fallback = Answers("primary"), Answers("fallback", total=3)
    backend = FallbackBackend(primary, fallback)

    response = backend.search(None, 0, 20)

    assert response.total == 3
    assert response.warnings == [REDUCED_MODE]
    # The rest of the same search does not wait on the primary again.
    assert backend.suggest(None) == "fallback"
    assert primary.asked == ["search"]


def test_an_available_primary_answers_alone():
    primary, fallback = Answers("primary", total=5), Answers("fallback", total=3)
    backend = FallbackBackend(primary, fallback)

    assert backend.search(None, 0, 20).total == 5
    assert backend.search(None, 0, 20).warnings == []
    assert backend.suggest(None) == "primary"
    assert fallback.asked == []


def test_the_database_backend_is_used_alone_without_a_search_server(settings):
    settings.ELASTICSEARCH_URL = None
    assert isinstance(get_backend(), DatabaseSearchBackend)


@pytest.mark.parametrize(
    ("make", "timeout", "retries"),
    [
        (clients.search_client, 2, 0),
        (clients.update_client, 5, 0),
        (clients.health_client, 1, 0),
    ],
)
def test_each_kind_of_work_shares_one_client_with_its_own_timeout(settings, make, timeout, retries):
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"

    client = make()

    assert make() is client
    # The client keeps these as the defaults of every request it sends.
    assert (client._request_timeout, client._max_retries) == (timeout, retries)
