"""Search on the site's own database: no search server needed.

The backend is put together from its parts: ``index`` (the full-text index and its upkeep),
``matching`` (which projects and findings match the index, and their scores), ``filtering`` (the request's filters as ORM conditions), ``facets`` (the counts),
``hits`` (what each hit shows) and ``suggestions``. Hits of both kinds come back in one SQL
UNION, sorted and sliced in the database, and a search costs the same number of queries for 5
hits or 20. Every search runs under the database time limit (``SEARCH_DATABASE_TIMEOUT``).
"""

import logging
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import DateTimeField, F, FloatField, Value
from django.db.models.functions import Coalesce

from core.time_limit import TimeLimitExceeded, time_limit
from projects.models import Finding
from search.backends.base import BackendResponse, BaseSearchBackend
from search.backends.database.facets import count_facets
from search.backends.database.filtering import filters_q, projects_allowed
from search.backends.database.hits import build_hits
from search.backends.database.matching import matching, score
from search.backends.database.suggestions import suggest_respelling
from search.public import public_projects

logger = logging.getLogger(__name__)

TOO_SLOW = (
    "This search took too long and was stopped. Try more specific words or choose a filter; "
    "if it keeps happening, please try again in a few minutes."
)
# Pages that were never published sort as the oldest.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)
ROW_FIELDS = ("kind", "obj_id", "project_id", "position", "score", "published")


def _union_rows(queryset, *, kind, project_id, position, score, published):
    """Projects or findings as rows of one shape (``ROW_FIELDS``), so both fit in one UNION."""
    return (
        queryset.order_by()
        .annotate(
            kind=Value(kind),
            obj_id=F("pk"),
            project_id=project_id,
            position=position,
            score=Coalesce(score, Value(0.0), output_field=FloatField()),
            published=Coalesce(published, Value(NEVER), output_field=DateTimeField()),
        )
        .values(*ROW_FIELDS)
    )


class DatabaseSearchBackend(BaseSearchBackend):
    """Search with the ORM and the site's own full-text index (SQLite FTS5 or PostgreSQL)."""

    name = "database"

    def search(self, request, offset, limit):
        try:
            with time_limit(settings.SEARCH_DATABASE_TIMEOUT):
                return self._search(request, offset, limit)
        except TimeLimitExceeded:
            logger.warning(
                "A database search took longer than %ss and was stopped: %r",
                settings.SEARCH_DATABASE_TIMEOUT,
                request.text,
            )
            return BackendResponse(total=0, hits=[], facets={}, warnings=[TOO_SLOW], stopped=True)

    def _search(self, request, offset, limit):
        projects = matching(public_projects(), request)
        findings = matching(Finding.objects.filter(page__in=public_projects()), request)

        rows = _union_rows(
            findings.filter(filters_q(request, "finding")),
            kind="finding",
            project_id=F("page_id"),
            position=F("sort_order"),
            score=score(request),
            published="page__first_published_at",
        )
        if projects_allowed(request):
            project_rows = _union_rows(
                projects.filter(filters_q(request, "project")),
                kind="project",
                project_id=F("pk"),
                position=Value(-1),
                score=score(request),
                published="first_published_at",
            )
            rows = project_rows.union(rows, all=True)

        # Projects come before their own findings, findings in the project's order.
        ordering = ["-published", "-project_id", "position"]
        if request.sort == "relevance" and request.has_query:
            ordering = ["-score"] + ordering
        total, facets = count_facets(request, projects, findings)
        # Past the last hit there is nothing to fetch (and a huge offset would overflow SQLite).
        page_rows = (
            list(rows.order_by(*ordering)[offset : offset + limit]) if offset < total else []
        )
        return BackendResponse(total=total, hits=build_hits(request, page_rows), facets=facets)

    def suggest(self, request):
        """The query with each unknown word replaced by the closest word on the site, if any."""
        try:
            with time_limit(settings.SEARCH_DATABASE_TIMEOUT):
                return suggest_respelling(request)
        except TimeLimitExceeded:
            return None
