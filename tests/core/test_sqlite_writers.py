"""Two requests writing to the SQLite database at once: the second waits, it does not fail.

The editor's autosave and editing-session pings write while a save is under way. A save whose
transaction had read before another writer began used to fail at once with "database is locked"
(the 503 page) instead of waiting its turn, and a browser test failed now and then on it.
"""

import threading

from django.conf import settings
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

import pytest


def connect(path, alias):
    """A connection to ``path`` with the site's own SQLite options, registered for this thread."""
    base = settings.DATABASES["default"]
    if base["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only")
    wrapper = DatabaseWrapper(
        {
            **base,
            "NAME": str(path),
            "OPTIONS": dict(base.get("OPTIONS", {})),
            "TEST": {},
            "ATOMIC_REQUESTS": False,
            "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TIME_ZONE": None,
        },
        alias=alias,
    )
    connections[alias] = wrapper
    return wrapper


def test_a_save_that_read_first_waits_for_another_writer_instead_of_failing(
    tmp_path, django_db_blocker, monkeypatch
):
    # Browser tests earlier in the same run leave Playwright's event loop running in this
    # thread, and Django then refuses database calls here; these connections are this test's own.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    path = tmp_path / "site.sqlite3"
    writing, read_done = threading.Event(), threading.Event()
    errors = []

    def editing_session_ping():
        # A short write that holds the lock until the save below has read.
        ping = connect(path, "ping")
        try:
            with transaction.atomic(using="ping"), ping.cursor() as cursor:
                cursor.execute("INSERT INTO revision (note) VALUES ('ping')")
                writing.set()
                read_done.wait(2)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            writing.set()
            ping.close()

    with django_db_blocker.unblock():
        save = connect(path, "save")
        try:
            with save.cursor() as cursor:
                cursor.execute("CREATE TABLE revision (id INTEGER PRIMARY KEY, note TEXT)")
            thread = threading.Thread(target=editing_session_ping)
            thread.start()
            writing.wait(5)
            try:
                with transaction.atomic(using="save"), save.cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM revision")
                    read_done.set()
                    cursor.execute("INSERT INTO revision (note) VALUES ('save')")
            except Exception as error:  # noqa: BLE001
                errors.append(error)
            read_done.set()
            thread.join(30)
            assert [str(error) for error in errors] == []
            with save.cursor() as cursor:
                cursor.execute("SELECT note FROM revision ORDER BY id")
                assert [row[0] for row in cursor.fetchall()] == ["ping", "save"]
        finally:
            save.close()
            del connections["save"]
