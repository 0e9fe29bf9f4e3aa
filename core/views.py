"""Operational views: the health check used by load balancers and monitoring."""

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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


def search_ok():
    url = getattr(settings, "ELASTICSEARCH_URL", None)
    if not url:
        return "database", None
    from search.client import health_client

    try:
        health = health_client().cluster.health(timeout="1s")
        return "elasticsearch", health.get("status") in ("green", "yellow")
    except Exception:
        logger.exception("Health check: Elasticsearch did not answer")
        return "elasticsearch", False


@never_cache
@require_GET
def health(request):
    """Report whether the database and search answer, without revealing any configuration."""
    database = database_ok()
    backend, search = search_ok()
    if database and search and backend == "elasticsearch":
        # Monitoring polls this often: the moment to send the search server what it missed.
        from search.live import catch_up_soon

        catch_up_soon()
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
