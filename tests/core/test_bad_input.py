"""Input found by the security review to give a 500, or a false outage 503, now gets a plain 4xx."""

import logging
import sqlite3

from django.db import InterfaceError, OperationalError, connection
from django.test import Client

import pytest

from core.outage import database_unreachable
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "address", [f"/cite/{HUGE}/bibtex/", f"/used/{HUGE}/abc/", f"/used/{HUGE}/abc/thanks/"]
)
def test_an_id_beyond_any_database_is_not_found(anonymous, home, address):
    assert anonymous.get(address).status_code == 404


def test_an_api_offset_beyond_any_listing_is_a_bad_request(anonymous, home):
    response = anonymous.get(f"/api/v2/pages/?offset={HUGE}")
    assert response.status_code == 400
    assert "offset" in response.json()["message"]


@pytest.fixture
def sqlite_search(settings):
    """Wagtail's database search on SQLite, whose full-text engine refuses unbalanced quotes."""
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite's full-text engine refuses these searches")
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}


@pytest.mark.parametrize("search", ["%22x", "%00", "a%22b%22c%22"])
def test_an_unreadable_api_search_is_a_bad_request_not_an_outage(
    anonymous, home, caplog, sqlite_search, search
):
    with caplog.at_level(logging.ERROR):
        response = anonymous.get(f"/api/v2/pages/?search={search}")

    assert response.status_code == 400
    assert response.json()["message"]
    assert "could not be reached" not in caplog.text


def test_an_unreadable_api_search_says_what_to_change(anonymous, home, sqlite_search):
    response = anonymous.get("/api/v2/pages/?search=%22x")
    assert "quotation marks" in response.json()["message"]


@pytest.mark.parametrize("search", ["%22x", "a%22b%22c%22", "AND", "("])
def test_an_odd_api_search_never_answers_a_server_error_on_any_backend(anonymous, home, search):
    assert anonymous.get(f"/api/v2/pages/?search={search}").status_code in (200, 400)


def test_a_readable_api_search_still_answers(anonymous, home):
    response = anonymous.get("/api/v2/pages/?search=home")
    assert response.status_code == 200


def test_a_nul_character_in_the_address_is_a_bad_request(anonymous, home):
    assert anonymous.get("/themes/a%00b/").status_code == 400
    assert anonymous.get("/search/?q=a%00b").status_code == 400


def test_a_chooser_asked_for_an_id_that_is_not_a_number_answers_not_found(client, home):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert client.get("/admin/images/chooser/chosen/abc/").status_code == 404
    assert client.get(f"/admin/documents/chooser/chosen/{HUGE}/").status_code == 404


def sqlite_error(connect_to, statement):
    try:
        sqlite3.connect(connect_to).execute(statement)
    except sqlite3.OperationalError as error:
        wrapped = OperationalError(*error.args)
        wrapped.__cause__ = error
        return wrapped
    raise AssertionError("the statement ran")


def test_a_query_the_database_cannot_parse_is_not_an_outage():
    error = sqlite_error(":memory:", "SELECT 'unterminated")
    assert not database_unreachable(error)


def test_a_database_file_that_cannot_be_opened_is_an_outage(tmp_path):
    error = sqlite_error(str(tmp_path / "missing" / "db.sqlite3"), "SELECT 1")
    assert database_unreachable(error)


class PsycopgError(Exception):
    """Stands in for psycopg's errors, which carry the server's SQLSTATE (or None)."""

    def __init__(self, sqlstate):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("sqlstate", "unreachable"),
    [(None, True), ("08006", True), ("57P01", True), ("53300", True), ("57014", False)],
)
def test_postgresql_errors_are_outages_only_when_the_server_cannot_answer(sqlstate, unreachable):
    error = OperationalError("failed")
    error.__cause__ = PsycopgError(sqlstate)
    assert database_unreachable(error) is unreachable


def test_a_closed_connection_is_an_outage():
    assert database_unreachable(InterfaceError("connection already closed"))
