"""A limit on how long the database may spend on the queries of one piece of work.

A search on a large catalogue without a search server can take minutes; a worker held that long
stops answering everyone else. Anything that may ask the database for too much can run inside
``time_limit`` and answer something plainer when it is stopped.
"""

import time
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction

# SQLite virtual machine instructions between two looks at the clock during a query.
SQLITE_CHECK_EVERY = 100_000

# PostgreSQL's code for a statement cancelled, here by the ``statement_timeout`` set below.
QUERY_CANCELED = "57014"


class TimeLimitExceeded(Exception):
    """The queries inside ``time_limit`` did not finish in time."""


def _cancelled_by_the_server(error):
    # The server's timer starts a little after ours and is rounded down to the millisecond, so it
    # may stop a query a moment before our own clock says the time is up.
    return getattr(error.__cause__, "sqlstate", None) == QUERY_CANCELED


@contextmanager
def time_limit(seconds):
    """Stop the queries made inside once ``seconds`` have passed, with ``TimeLimitExceeded``.

    Each query is checked before it starts, and stopped while it runs: on SQLite by a progress
    handler that looks at the clock, on PostgreSQL by a ``statement_timeout`` of the time left.
    Everything runs in a transaction (a savepoint inside another) so that a stopped query leaves
    the connection as it was.
    """
    deadline = time.monotonic() + seconds

    def left():
        return deadline - time.monotonic()

    def limited(execute, sql, params, many, context):
        if left() <= 0:
            raise TimeLimitExceeded
        raw = context["cursor"].cursor if connection.vendor == "postgresql" else None
        if raw is not None:
            # Only for this transaction; at least a millisecond, as 0 would mean no limit.
            raw.execute(f"SET LOCAL statement_timeout = {max(1, int(left() * 1000))}")
        try:
            return execute(sql, params, many, context)
        except DatabaseError as error:
            if left() <= 0 or _cancelled_by_the_server(error):
                raise TimeLimitExceeded from error
            raise

    with transaction.atomic():
        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(
                lambda: 1 if left() <= 0 else 0, SQLITE_CHECK_EVERY
            )
        try:
            try:
                with connection.execute_wrapper(limited):
                    yield
            except DatabaseError as error:
                # SQLite runs a query as its rows are read, so the limit can stop it in a fetch,
                # outside the wrapper above.
                if left() <= 0 or _cancelled_by_the_server(error):
                    raise TimeLimitExceeded from error
                raise
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
        finally:
            if connection.vendor == "sqlite":
                connection.connection.set_progress_handler(None, 0)
