"""Operational views: the health check used by load balancers and monitoring."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.health import search_status

logger = logging.getLogger(__name__)


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        # Details go to the log only: the response is public and must not reveal hosts or errors.
        logger.exception("Health check: the database did not answer")
        return False


@never_cache
@require_GET
def health(request):
    """Report whether the database and search answer, without revealing any configuration."""
    database = database_ok()
    backend, search = search_status(database)
    if search is None:
        # Database search is served by the database, so it is as healthy as the database.
        search = database
    if not database:
        status, http_status = "down", 503
    elif not search:
        status, http_status = "degraded", 200
    else:
        status, http_status = "ok", 200
    return JsonResponse(
        {
            "status": status,
            "database": {"ok": database},
            "search": {"backend": backend, "ok": search},
        },
        status=http_status,
    )
