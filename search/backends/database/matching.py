"""Which projects and findings match the query, and how well: the database backend's matching.

Matching reads the full-text index of ``search.backends.database.index`` (FTS5 on SQLite, a
weighted ``tsvector`` on PostgreSQL), never the text of every row. The query arrives analysed
(``search.analysis.analyse``): each word as its British stem, matched as a word prefix
("organisation" also finds "organisations", "inform" finds "informed"), and each phrase of the
synonyms file as every way of writing it. A hit must match every word (or synonym group),
each in any field; the index holds the same analysed words, so the phrases of a group match
across the small words between them ("children and young people").

The score is the database's own ranking with the fields' weights: ``bm25`` on SQLite,
``ts_rank_cd`` on PostgreSQL. Title and headline count most, then summary and themes, then the
rest of the text, then (for a finding) its project's themes. Scores of projects and findings come
from one index, so they sort together.
"""

import re

from django.conf import settings
from django.db import NotSupportedError
from django.db.models import BooleanField, F, FloatField, Value
from django.db.models.expressions import Expression

from wagtail.search.backends import get_search_backend

from search.backends.database.index import FTS_TABLE

# Weights of the columns A (title, headline), B (summary, themes), C (other text) and
# D (a finding's project), in that order. D is kept low: with 0.5 a finding that shared only its
# project's theme outranked findings that said the words themselves, and the judged queries
# (benchmarks/relevance.py) fell from 0.640 to 0.633; 0.1 gives 0.640.
WEIGHTS = (4.0, 2.0, 1.0, 0.1)

# Between the words of a phrase in highlighting: the rest of the word, a separator, and perhaps
# one small word ("children and young people").
_GAP = r"[a-z0-9]*[^a-z0-9]+(?:(?:and|of|the|in|for|to|with)[^a-z0-9]+)?"


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


def wagtail_database_backend():
    """Wagtail's database search index: its default backend, or the one kept alongside
    Elasticsearch (``WAGTAILSEARCH_BACKENDS["database"]``)."""
    return get_search_backend(
        "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    )


# The query in each database's syntax ----------------------------------------------------------
# Stems hold only [a-z0-9] (``search.analysis.tokenise``), so quoting them is all either syntax
# needs; nothing the searcher types reaches the SQL but as a parameter.


def fts5_query(groups):
    """The groups as an FTS5 query: prefix phrases, alternatives OR'd, groups AND'd."""
    return " AND ".join(
        "(" + " OR ".join(" + ".join(f'"{s}"*' for s in stems) for stems in group.stems) + ")"
        for group in groups
    )


def tsquery(groups):
    """The groups as a ``to_tsquery`` text: prefix lexemes, ``<->`` within a phrase."""
    return " & ".join(
        "(" + " | ".join(" <-> ".join(f"'{s}':*" for s in stems) for stems in group.stems) + ")"
        for group in groups
    )


# Expressions -----------------------------------------------------------------------------------


class _IndexExpression(Expression):
    """Base of ``Matches`` and ``Rank``: resolves the join to the index from a project or
    finding queryset (``search_entry``), and writes the vendor's SQL against its alias."""

    def __init__(self, groups, output_field):
        super().__init__(output_field=output_field)
        self.groups = groups
        self.target = None

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        clone = self.copy()
        clone.is_summary = summarize
        # Resolved once, against the query of projects or findings: a subquery's conditions
        # are resolved again against the outer query, where the path means nothing.
        if clone.target is None:
            clone.target = F(f"{_entry_path()}__pk").resolve_expression(
                query, allow_joins, reuse, summarize
            )
        return clone

    def get_source_expressions(self):
        return [self.target] if self.target is not None else []

    def set_source_expressions(self, exprs):
        if exprs:
            (self.target,) = exprs

    def _alias(self, compiler):
        return compiler.quote_name_unless_alias(self.target.alias)

    def as_sql(self, compiler, connection):
        raise NotSupportedError("The database search index exists on SQLite and PostgreSQL only.")


def _sqlite():
    from django.db import connection

    return connection.vendor == "sqlite"


class Matches(_IndexExpression):
    """True for the rows whose index entry matches every group."""

    def __init__(self, groups):
        super().__init__(groups, BooleanField())

    def as_sqlite(self, compiler, connection):
        return f'{self._alias(compiler)}."{FTS_TABLE}" MATCH %s', [fts5_query(self.groups)]

    def as_postgresql(self, compiler, connection):
        sql = f"{self._alias(compiler)}.vector @@ to_tsquery('simple'::regconfig, %s)"
        return sql, [tsquery(self.groups)]


class Rank(_IndexExpression):
    """How well a matching row matches, higher first."""

    def __init__(self, groups):
        super().__init__(groups, FloatField())

    def as_sqlite(self, compiler, connection):
        weights = ", ".join(str(w) for w in WEIGHTS)
        # bm25 is lower for a better match, and near 0 for a word in most rows of a small site
        # (its inverse document frequency bottoms out): 1 + its negation keeps the order and
        # gives every match a score above 0, as ts_rank_cd does.
        return f'(1.0 - bm25({self._alias(compiler)}."{FTS_TABLE}", {weights}))', []

    def as_postgresql(self, compiler, connection):
        # ts_rank_cd reads its weights in the order D, C, B, A.
        weights = "{" + ",".join(str(w / WEIGHTS[0]) for w in reversed(WEIGHTS)) + "}"
        sql = (
            f"ts_rank_cd(%s::float4[], {self._alias(compiler)}.vector, "
            "to_tsquery('simple'::regconfig, %s))"
        )
        return sql, [weights, tsquery(self.groups)]


def _entry_path():
    return "search_entry__text_match" if _sqlite() else "search_entry"


def matching(queryset, request):
    """The projects or findings of ``queryset`` whose index entry matches every group of the
    request; all of them when there is no query."""
    if not request.groups:
        return queryset
    # The plain lookup first: it makes the join to the index an inner one, which the text
    # match (and the score) then reuse, so the database starts from the index, not every row.
    return queryset.filter(**{f"{_entry_path()}__isnull": False}).filter(Matches(request.groups))


def score(request):
    """The score of a row of a queryset from ``matching``: 0 for all when there is no query."""
    if not request.groups:
        return Value(0.0, output_field=FloatField())
    return Rank(request.groups)
