"""A search the database cannot finish in time is stopped, explained, and leaves nothing behind."""

import time

from django.db import connection

import pytest

from core.time_limit import TimeLimitExceeded, time_limit
from projects.models import Theme
from search.backends.database import TOO_SLOW
from search.runner import run_search
from tests.factories import FindingFactory, ProjectPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db

# A query that keeps the database busy for far longer than any limit below.
SLOW_SQL = {
    "sqlite": (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
        "SELECT count(*) FROM n"
    ),
    "postgresql": "SELECT pg_sleep(30)",
}


def test_a_query_still_running_at_the_limit_is_stopped_and_the_connection_works_after():
    ThemeFactory(name="Belonging")
    started = time.monotonic()

    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.5):
            with connection.cursor() as cursor:
                cursor.execute(SLOW_SQL[connection.vendor])

    assert time.monotonic() - started < 5
    # Nothing is left over: the same connection answers at once, with no limit in force.
    assert Theme.objects.count() == 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"
    else:
        # The handler that stopped the query is gone: a long one now runs to its end.
        with connection.cursor() as cursor:
            cursor.execute(SLOW_SQL["sqlite"].replace("1000000000", "300000"))
            assert cursor.fetchone()[0] == 300000


@pytest.mark.postgres
def test_a_query_the_server_cancels_a_moment_before_our_clock_runs_out_counts_as_stopped():
    # The server's timer is rounded down to the millisecond and starts after ours, so its
    # cancellation can arrive while our clock still shows time left; that is the limit too.
    assert connection.vendor == "postgresql"

    with pytest.raises(TimeLimitExceeded):
        with time_limit(30):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = 50; SELECT pg_sleep(5)")

    assert Theme.objects.count() == 0


def test_a_query_stopped_while_its_rows_are_being_read_is_stopped_too():
    # SQLite produces rows as they are read, so a slow query may be stopped in the middle of
    # fetching them rather than inside ``execute``: that must end the same way.
    endless = {
        "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
        "postgresql": "SELECT pg_sleep(30)",
    }[connection.vendor]
    started = time.monotonic()

    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.5):
            with connection.cursor() as cursor:
                cursor.execute(endless)
                while cursor.fetchmany(1000):
                    pass

    assert time.monotonic() - started < 5
    assert Theme.objects.count() == 0


def test_a_search_within_the_limit_leaves_no_limit_behind(home):
    ProjectPageFactory(title="Kinship care")

    with time_limit(30):
        assert Theme.objects.count() == 0

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"


@pytest.fixture
def slow_database_search(settings, home):
    settings.SEARCH_BACKEND = "search.backends.database.DatabaseSearchBackend"
    settings.SEARCH_RATE_LIMIT = None
    project = ProjectPageFactory(title="Kinship care", summary="Grandparents raising children.")
    FindingFactory(page=project, headline="Grandparents felt unheard.")
    # Already past before the first query.
    settings.SEARCH_DATABASE_TIMEOUT = 1e-9


def test_the_page_says_the_search_was_stopped_rather_than_that_nothing_matched(
    client, slow_database_search
):
    response = client.get("/search/", {"q": "grandparnets"})

    assert response.status_code == 503
    html = response.content.decode()
    assert "This search could not be finished" in html
    assert TOO_SLOW in html
    assert "No results" not in html
    assert "Did you mean" not in html


def test_the_api_answers_503_with_the_reason_and_when_to_retry(client, slow_database_search):
    response = client.get("/api/search/", {"q": "grandparents"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {"errors": {"search": [TOO_SLOW]}, "retry_after": 30}


def test_the_same_search_with_time_to_finish_finds_its_hits(settings, slow_database_search):
    settings.SEARCH_DATABASE_TIMEOUT = 30

    results = run_search({"q": "grandparents"})

    assert not results.stopped
    assert results.total == 2


def test_spelling_suggestions_never_come_from_private_or_draft_pages(settings, home):
    from wagtail.models import PageViewRestriction

    settings.SEARCH_BACKEND = "search.backends.database.DatabaseSearchBackend"
    private = ProjectPageFactory(title="Quokka walks")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    FindingFactory(page=ProjectPageFactory(title="Draft", live=False), headline="Wombats nest.")
    ProjectPageFactory(title="Kinship care")

    assert run_search({"q": "quokko"}).suggestion is None
    assert run_search({"q": "wombatz"}).suggestion is None
    # The control: a word of a public page is offered.
    assert run_search({"q": "kinshop"}).suggestion == "kinship"
