"""A short "try again" answer while the database cannot be reached, instead of an error page.

PostgreSQL restarts (an upgrade, a failover, a host reboot) take seconds. During them every view
fails to connect; visitors should be told to retry, and crawlers and monitors should see a 503 with
Retry-After rather than a 500. Connections come back on their own afterwards: CONN_HEALTH_CHECKS
(settings) replaces a connection the restart closed before a request uses it.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Long enough for a database restart, short enough that a retry soon finds the site back.
RETRY_AFTER_SECONDS = 30

MESSAGE = "Sorry, the service is briefly unavailable. Please try again in a minute."

# SQLite result codes of a database file that cannot be used just now (busy, locked, unreadable,
# full, out of memory). Anything else, SQLITE_ERROR above all, is the statement's own fault: a
# search the full-text engine cannot parse is not an outage.
SQLITE_UNAVAILABLE = {5, 6, 7, 10, 13, 14}
# PostgreSQL SQLSTATE classes of a server that cannot be reached, is going away or is out of
# connections. An error with no SQLSTATE at all never reached a server.
POSTGRES_UNAVAILABLE = ("08", "53", "57P", "58")


def database_unreachable(exception):
    """Whether a database error means the database could not answer, rather than a bad query."""
    if isinstance(exception, InterfaceError):
        return True
    if not isinstance(exception, OperationalError):
        return False
    cause = exception.__cause__
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in SQLITE_UNAVAILABLE
    sqlstate = getattr(cause, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(POSTGRES_UNAVAILABLE)


def unavailable_response(request):
    """The 503 answer: JSON for the APIs, the 503 page for everything else."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"errors": {"service": [MESSAGE]}}, status=503)
    else:
        try:
            response = HttpResponse(render_to_string("503.html", request=request), status=503)
        except Exception:
            # The page must not depend on what is down; if rendering it fails, plain text will do.
            response = HttpResponse(MESSAGE, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A cache in front of the site must not keep serving the outage once it is over.
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    """Turns a failure to reach the database during a view into a 503 "briefly unavailable" answer.

    Only the errors of a database that cannot answer (refused or dropped connections, a server
    shutting down, a database file locked or unreadable) are caught; a query the database could
    not run (a bug, or a search it cannot parse) is not an outage and is not logged as one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unreachable(exception):
            return None
        logger.error("The database could not be reached for %s", request.path, exc_info=exception)
        return unavailable_response(request)
