"""Which projects and findings match the query, and how well: the database backend's matching.

Matching runs in the ORM so that it works the same on SQLite and PostgreSQL: each query word
becomes its stem matched at the start of a word ("organisation" also finds "organisations",
"inform" finds "informed"), and each synonym group an alternation. A hit must match every word
(or synonym group) in some field; the score adds a weight per field matched, so title and
headline matches rank above summary and body text. Project write-ups (StreamField) are matched
through Wagtail's database search index, which holds their plain text.
"""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL

from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from projects.models import FindingTheme, ProjectPage, ProjectPageTheme, Theme
from search.analysis import inflections

# Weights of a match in each field: the title or headline counts most.
PROJECT_WEIGHTS = {"title": 4.0, "themes": 2.0, "summary": 2.0, "body": 1.0}
FINDING_WEIGHTS = {
    "headline": 4.0,
    "themes": 2.0,
    "detail": 1.0,
    "recommendation": 1.0,
    "project_themes": 1.0,
}

# Between the words of a phrase: the rest of the word, a separator, and perhaps one small word
# ("children and young people"). The same syntax works in Python's re and PostgreSQL.
_GAP = r"[a-z0-9]*[^a-z0-9]+(?:(?:and|of|the|in|for|to|with)[^a-z0-9]+)?"


def sql_pattern(stems):
    """A case-insensitive regular expression for a phrase of stems, each at the start of a word."""
    return r"(^|[^a-z0-9])" + _GAP.join(re.escape(s) for s in stems)


def python_pattern(stems):
    return r"(?<![a-z0-9])" + _GAP.join(re.escape(s) for s in stems) + r"[a-z0-9]*"


def highlighter(groups):
    """A compiled pattern matching every alternative of every group, for <mark>ing."""
    alternatives = sorted(
        {stems for group in groups for stems in group.stems}, key=lambda s: -sum(map(len, s))
    )
    if not alternatives:
        return None
    return re.compile("|".join(python_pattern(s) for s in alternatives), re.IGNORECASE)


def _text_q(field, stems):
    # LIKE first: cheap, and it spares the regular expression most rows.
    q = Q()
    for prefix in sorted(set(stems), key=len, reverse=True):
        q &= Q(**{f"{field}__icontains": prefix})
    return q & Q(**{f"{field}__iregex": sql_pattern(stems)})


def _any_alternative(field, group):
    q = Q()
    for stems in group.stems:
        q |= _text_q(field, stems)
    return q


# Project write-ups, through Wagtail's index ----------------------------------------------------


def wagtail_database_backend():
    """Wagtail's database search index: its default backend, or the one kept alongside
    Elasticsearch (``WAGTAILSEARCH_BACKENDS["database"]``) so that this backend never waits on a
    search server it is standing in for."""
    return get_search_backend(
        "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    )


def _uses_sqlite_fts(backend):
    if connection.vendor != "sqlite":
        return False
    # Importable only where SQLite's FTS tables exist.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(backend, SQLiteSearchBackend)


def _body_q(group):
    """Projects whose write-up matches the group, through Wagtail's search index."""
    backend = wagtail_database_backend()
    if _uses_sqlite_fts(backend):
        return _sqlite_body_q(group)
    alternatives = []
    for words in group.words:
        if len(words) == 1:
            alternatives += [PlainText(form) for form in inflections(words[0])]
        else:
            alternatives.append(And([PlainText(w) for w in words]))
    results = backend.search(Or(alternatives), ProjectPage, order_by_relevance=False)
    if not hasattr(results, "get_queryset"):
        # Wagtail's search is on a search server: its index is not in this database.
        return Q(pk__in=[])
    return Q(pk__in=results.get_queryset().values("pk"))


def _sqlite_body_q(group):
    """The same through SQLite FTS5 directly, with each stem as a word prefix.

    Wagtail's own query joins the FTS table in an order that probes it once per index
    entry; a subquery on the FTS table alone runs once, and prefixes give stemming.
    """
    app = get_app_config()
    entries = app.get_model("IndexEntry")._meta.db_table
    fts = app.get_model("SQLiteFTSIndexEntry")._meta.db_table
    # Stems hold only [a-z0-9], so quoting them is all FTS5 syntax needs.
    match = " OR ".join(
        "(" + " AND ".join(f'"{prefix}"*' for prefix in stems) + ")" for stems in group.stems
    )
    sql = (
        f'SELECT CAST(e.object_id AS INTEGER) FROM "{entries}" e '
        f'WHERE e.content_type_id = %s AND e.id IN (SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s)'
    )
    content_type = ContentType.objects.get_for_model(ProjectPage)
    return Q(pk__in=RawSQL(sql, (content_type.pk, f"{{title body}} : ({match})")))


# Fields and scores -----------------------------------------------------------------------------


def themes_matching(groups):
    """Ids of the themes whose names match each group, found in one pass over the themes.

    Themes are few; matching their names here spares the database a correlated subquery per
    project or finding. A theme named only in a draft matches nothing public, so reading every
    theme here gives nothing away.
    """
    patterns = [highlighter([group]) for group in groups]
    matching = [[] for _ in groups]
    if groups:
        for pk, name in Theme.objects.values_list("pk", "name"):
            for i, pattern in enumerate(patterns):
                if pattern.search(name):
                    matching[i].append(pk)
    return matching


def project_conditions(group, theme_ids):
    """Each field of a project, as a condition that it matches ``group``."""
    conditions = {
        "title": _any_alternative("title", group),
        "summary": _any_alternative("summary", group),
        "body": _body_q(group),
    }
    if theme_ids:
        conditions["themes"] = Q(
            Exists(
                ProjectPageTheme.objects.filter(content_object=OuterRef("pk"), tag_id__in=theme_ids)
            )
        )
    return conditions


def finding_conditions(group, theme_ids):
    """Each field of a finding, as a condition that it matches ``group``."""
    conditions = {
        "headline": _any_alternative("headline", group),
        "detail": _any_alternative("detail", group),
        "recommendation": _any_alternative("recommendation", group),
    }
    if theme_ids:
        conditions["themes"] = Q(
            Exists(FindingTheme.objects.filter(content_object=OuterRef("pk"), tag_id__in=theme_ids))
        )
        conditions["project_themes"] = Q(
            Exists(
                ProjectPageTheme.objects.filter(
                    content_object=OuterRef("page_id"), tag_id__in=theme_ids
                )
            )
        )
    return conditions


def match(request, conditions_for, weights, theme_ids):
    """The filter (every group matches some field) and the score expression."""
    matched, score = Q(), None
    for group, ids in zip(request.groups, theme_ids, strict=True):
        conditions = conditions_for(group, ids)
        any_field = Q()
        for name, condition in conditions.items():
            any_field |= condition
            term = Case(When(condition, then=Value(weights[name])), default=Value(0.0))
            score = term if score is None else score + term
        matched &= any_field
    return matched, (score if score is not None else Value(0.0))
