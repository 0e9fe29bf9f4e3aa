"""The search server's part of ``/health/``, registered with ``core.health`` in ``SearchConfig.ready``."""

import logging

from django.conf import settings

from search.client import health_client
from search.live import catch_up_soon

logger = logging.getLogger(__name__)


def search_status(database_ok):
    """``("database", None)`` without a search server, else whether Elasticsearch answers."""
    if not getattr(settings, "ELASTICSEARCH_URL", None):
        return "database", None
    try:
        health = health_client().cluster.health(timeout="1s")
        ok = health.get("status") in ("green", "yellow")
    except Exception:
        # Details go to the log only: the response is public and must not reveal hosts or errors.
        logger.exception("Health check: Elasticsearch did not answer")
        return "elasticsearch", False
    if database_ok and ok:
        # Monitoring polls this often: the moment to send the search server what it missed.
        catch_up_soon()
    return "elasticsearch", ok
