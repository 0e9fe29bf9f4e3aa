"""Search on the site's own database: no search server needed.

Matching runs in the ORM so that it works the same on SQLite and PostgreSQL: each query word
becomes its stem matched at the start of a word ("organisation" also finds "organisations",
"inform" finds "informed"), and each synonym group an alternation. A hit must match every word
(or synonym group) in some field; the score adds a weight per field matched, so title and
headline matches rank above summary and body text. Project write-ups (StreamField) are matched
through Wagtail's database search index, which holds their plain text.

Hits of both kinds come back in one SQL UNION, sorted and sliced in the database; the hits on
the page are then fetched with their themes prefetched. Facets take five grouped queries
whatever the page size, so a search costs the same number of queries for 5 hits or 20.
"""

import difflib
import json
import logging
import re
import time
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Length, Substr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from modelsearch.conf import get_app_config
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme, Theme
from search.backends.base import (
    FACETS,
    BackendResponse,
    BaseSearchBackend,
    Hit,
    HitTheme,
    load_hit_objects,
)
from search.query import stem, tokenise

logger = logging.getLogger(__name__)

TOO_SLOW = (
    "This search took too long and was stopped. Try more specific words or choose a filter; "
    "if it keeps happening, please try again in a few minutes."
)
# Ids in one IN (...) list: well within SQLite's limit on query parameters.
ID_BATCH = 5000
# SQLite virtual machine instructions between two looks at the clock during a query.
SQLITE_CHECK_EVERY = 100_000

# Weights of a match in each field: the title or headline counts most.
PROJECT_WEIGHTS = {"title": 4.0, "themes": 2.0, "summary": 2.0, "body": 1.0}
FINDING_WEIGHTS = {
    "headline": 4.0,
    "themes": 2.0,
    "detail": 1.0,
    "recommendation": 1.0,
    "project_themes": 1.0,
}
SNIPPET_LENGTH = 220
# Pages that were never published sort as the oldest.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)

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


def highlight(text, pattern, length=None):
    """Escape ``text`` and wrap the matches of ``pattern`` in <mark>; optionally cut a window of
    about ``length`` characters around the first match."""
    text = text or ""
    spans = [m.span() for m in pattern.finditer(text)] if pattern else []
    prefix = suffix = ""
    if length and len(text) > length:
        start = max(0, spans[0][0] - length // 4) if spans else 0
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < spans[0][0] else start
            prefix = "…"
        end = start + length
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
            suffix = "…"
        text = text[start:end]
        spans = [(max(s - start, 0), min(e - start, len(text))) for s, e in spans]
        spans = [(s, e) for s, e in spans if s < e <= len(text)]
    parts, last = [], 0
    for start, end in spans:
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    parts.append(escape(text[last:]))
    # Safe: every piece of the text went through escape() above.
    return mark_safe(prefix + "".join(parts) + suffix)


def inflections(word):
    """Whole word forms (plural, -ing, -ed) for full-text indexes that may not stem."""
    base = stem(word)
    forms = {word, base}
    if len(base) > 3:
        forms |= {base + s for s in ("s", "es", "e", "ed", "ing", "y", "ies")}
    else:
        forms.add(base + "s")
    return sorted(f for f in forms if f.isalnum())


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


def _uses_sqlite_fts(backend):
    if connection.vendor != "sqlite":
        return False
    # Importable only where SQLite's FTS tables exist.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(backend, SQLiteSearchBackend)


def _places(value):
    """A project's places as a list, whether the database gave back JSON text or a list."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def _paths_q(field, paths):
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


class SearchTookTooLong(Exception):
    """The database did not finish a search within ``SEARCH_DATABASE_TIMEOUT``."""


@contextmanager
def time_limit(seconds):
    """Stop the queries made inside once ``seconds`` have passed, with ``SearchTookTooLong``.

    A search on a large catalogue without a search server can take minutes; a worker held that
    long stops answering everyone else. Each query is checked before it starts, and stopped
    while it runs: on SQLite by a progress handler that looks at the clock, on PostgreSQL by a
    ``statement_timeout`` of the time left. Everything runs in a transaction (a savepoint inside
    another) so that a stopped query leaves the connection as it was.
    """
    deadline = time.monotonic() + seconds

    def left():
        return deadline - time.monotonic()

    def limited(execute, sql, params, many, context):
        if left() <= 0:
            raise SearchTookTooLong
        raw = context["cursor"].cursor if connection.vendor == "postgresql" else None
        if raw is not None:
            # Only for this transaction; at least a millisecond, as 0 would mean no limit.
            raw.execute(f"SET LOCAL statement_timeout = {max(1, int(left() * 1000))}")
        try:
            return execute(sql, params, many, context)
        except DatabaseError as error:
            if left() <= 0:
                raise SearchTookTooLong from error
            raise

    with transaction.atomic():
        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(
                lambda: 1 if left() <= 0 else 0, SQLITE_CHECK_EVERY
            )
        try:
            with connection.execute_wrapper(limited):
                yield
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
        finally:
            if connection.vendor == "sqlite":
                connection.connection.set_progress_handler(None, 0)


def wagtail_database_backend():
    """Wagtail's database search index: its default backend, or the one kept alongside
    Elasticsearch (``WAGTAILSEARCH_BACKENDS["database"]``) so that this backend never waits on a
    search server it is standing in for."""
    return get_search_backend(
        "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    )


class DatabaseSearchBackend(BaseSearchBackend):
    """Search with the ORM and Wagtail's database search index (SQLite FTS5 or PostgreSQL)."""

    name = "database"

    # Matching --------------------------------------------------------------------------------

    def _body_q(self, group):
        """Projects whose write-up matches the group, through Wagtail's search index."""
        backend = wagtail_database_backend()
        if _uses_sqlite_fts(backend):
            return self._sqlite_body_q(group)
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

    @staticmethod
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

    @staticmethod
    def _themes_matching(groups):
        """Ids of the themes whose names match each group, found in one pass over the themes.

        Themes are few; matching their names here spares the database a correlated
        subquery per project or finding.
        """
        patterns = [highlighter([group]) for group in groups]
        matching = [[] for _ in groups]
        if groups:
            for pk, name in Theme.objects.values_list("pk", "name"):
                for i, pattern in enumerate(patterns):
                    if pattern.search(name):
                        matching[i].append(pk)
        return matching

    def _project_conditions(self, group, theme_ids):
        conditions = {
            "title": _any_alternative("title", group),
            "summary": _any_alternative("summary", group),
            "body": self._body_q(group),
        }
        if theme_ids:
            conditions["themes"] = Q(
                Exists(
                    ProjectPageTheme.objects.filter(
                        content_object=OuterRef("pk"), tag_id__in=theme_ids
                    )
                )
            )
        return conditions

    def _finding_conditions(self, group, theme_ids):
        conditions = {
            "headline": _any_alternative("headline", group),
            "detail": _any_alternative("detail", group),
            "recommendation": _any_alternative("recommendation", group),
        }
        if theme_ids:
            conditions["themes"] = Q(
                Exists(
                    FindingTheme.objects.filter(content_object=OuterRef("pk"), tag_id__in=theme_ids)
                )
            )
            conditions["project_themes"] = Q(
                Exists(
                    ProjectPageTheme.objects.filter(
                        content_object=OuterRef("page_id"), tag_id__in=theme_ids
                    )
                )
            )
        return conditions

    def _match(self, request, conditions_for, weights, theme_ids):
        """The filter (every group matches some field) and the score expression."""
        match, score = Q(), None
        for group, ids in zip(request.groups, theme_ids, strict=True):
            conditions = conditions_for(group, ids)
            any_field = Q()
            for name, condition in conditions.items():
                any_field |= condition
                term = Case(When(condition, then=Value(weights[name])), default=Value(0.0))
                score = term if score is None else score + term
            match &= any_field
        return match, (score if score is not None else Value(0.0))

    # Filtering -------------------------------------------------------------------------------

    @staticmethod
    def _projects_allowed(request, exclude):
        return not any(
            getattr(request, name) and name not in exclude for name in ("evidence", "confidence")
        )

    @staticmethod
    def _cohort_paths(request, exclude):
        """Paths of the cohorts the cohort and year filters allow, or None when neither applies."""
        by_cohort = request.cohort and "cohort" not in exclude
        by_year = request.year and "year" not in exclude
        if not (by_cohort or by_year):
            return None
        return [
            c.path
            for c in request.cohorts.values()
            if (not by_cohort or c.slug == request.cohort)
            and (not by_year or c.year == request.year)
        ]

    def _filters(self, request, kind, exclude=frozenset()):
        """The request's filters as a Q for projects or findings, leaving out ``exclude``."""
        page = "" if kind == "project" else "page__"
        q = Q()
        if request.themes and "theme" not in exclude:
            project_themed = Exists(
                ProjectPageTheme.objects.filter(
                    content_object=OuterRef("pk" if kind == "project" else "page_id"),
                    tag__slug__in=request.themes,
                )
            )
            if kind == "project":
                q &= Q(project_themed)
            else:
                own = Exists(
                    FindingTheme.objects.filter(
                        content_object=OuterRef("pk"), tag__slug__in=request.themes
                    )
                )
                q &= Q(own) | Q(project_themed)
        paths = self._cohort_paths(request, exclude)
        if paths is not None:
            q &= _paths_q(f"{page}path", paths)
        if request.place and "place" not in exclude:
            q &= self._place_q(f"{page}places", request.place)
        if request.status and "status" not in exclude:
            q &= Q(**{f"{page}status": request.status})
        if kind == "finding":
            if request.evidence and "evidence" not in exclude:
                q &= Q(evidence_type=request.evidence)
            if request.confidence and "confidence" not in exclude:
                q &= Q(confidence=request.confidence)
        return q

    @staticmethod
    def _place_q(field, place):
        # Places are a JSON list of names; the quoted name matches one element exactly, and
        # works on SQLite, which has no JSON containment lookup.
        return Q(**{f"{field}__icontains": f'"{place}"'})

    # Searching -------------------------------------------------------------------------------

    def search(self, request, offset, limit):
        try:
            with time_limit(settings.SEARCH_DATABASE_TIMEOUT):
                return self._search(request, offset, limit)
        except SearchTookTooLong:
            logger.warning(
                "A database search took longer than %ss and was stopped: %r",
                settings.SEARCH_DATABASE_TIMEOUT,
                request.text,
            )
            return BackendResponse(total=0, hits=[], facets={}, warnings=[TOO_SLOW], stopped=True)

    def _search(self, request, offset, limit):
        projects = ProjectPage.objects.live().public()
        findings = Finding.objects.public()
        theme_ids = self._themes_matching(request.groups)
        project_match, project_score = self._match(
            request, self._project_conditions, PROJECT_WEIGHTS, theme_ids
        )
        finding_match, finding_score = self._match(
            request, self._finding_conditions, FINDING_WEIGHTS, theme_ids
        )
        projects = projects.filter(project_match)
        findings = findings.filter(finding_match)

        rows = (
            findings.filter(self._filters(request, "finding"))
            .order_by()
            .annotate(
                kind=Value("finding"),
                obj_id=F("pk"),
                project_id=F("page_id"),
                position=F("sort_order"),
                score=Coalesce(finding_score, Value(0.0), output_field=FloatField()),
                published=Coalesce(
                    "page__first_published_at", Value(NEVER), output_field=DateTimeField()
                ),
            )
            .values("kind", "obj_id", "project_id", "position", "score", "published")
        )
        if self._projects_allowed(request, ()):
            project_rows = (
                projects.filter(self._filters(request, "project"))
                .order_by()
                .annotate(
                    kind=Value("project"),
                    obj_id=F("pk"),
                    project_id=F("pk"),
                    position=Value(-1),
                    score=Coalesce(project_score, Value(0.0), output_field=FloatField()),
                    published=Coalesce(
                        "first_published_at", Value(NEVER), output_field=DateTimeField()
                    ),
                )
                .values("kind", "obj_id", "project_id", "position", "score", "published")
            )
            rows = project_rows.union(rows, all=True)

        # Projects come before their own findings, findings in the project's order.
        ordering = ["-published", "-project_id", "position"]
        if request.sort == "relevance" and request.has_query:
            ordering = ["-score"] + ordering
        total, facets = self._facets(request, projects, findings)
        # Past the last hit there is nothing to fetch (and a huge offset would overflow SQLite).
        page_rows = (
            list(rows.order_by(*ordering)[offset : offset + limit]) if offset < total else []
        )
        return BackendResponse(total=total, hits=self._hits(request, page_rows), facets=facets)

    def _hits(self, request, rows):
        objects = load_hit_objects(
            ProjectPage.objects.all(),
            {row["project_id"] for row in rows},
            [row["obj_id"] for row in rows if row["kind"] == "finding"],
        )

        pattern = highlighter(request.groups)
        hits = []
        for row in rows:
            obj = objects.get((row["kind"], row["obj_id"]))
            if obj is None:  # deleted between the two queries
                continue
            if row["kind"] == "project":
                project, title, texts = obj, obj.title, [obj.summary]
                themes = sorted(project.themes.all(), key=lambda t: t.name.casefold())
                finding_fields = {}
            else:
                project, title = obj.page, obj.headline
                texts = [obj.detail, obj.recommendation, obj.headline]
                themes = obj.all_themes
                finding_fields = {
                    "evidence_type": obj.evidence_type,
                    "confidence": obj.confidence,
                    "anchor": obj.anchor,
                }
            hits.append(
                Hit(
                    kind=row["kind"],
                    pk=obj.pk,
                    title=title,
                    score=float(row["score"] or 0),
                    snippet=self._snippet(texts, pattern),
                    title_html=highlight(title, pattern),
                    project_id=project.pk,
                    project_title=project.title,
                    cohort=request.cohorts_by_path.get(project.path[: -project.steplen]),
                    places=tuple(project.places or ()),
                    themes=tuple(HitTheme(t.slug, t.name) for t in themes),
                    page=project,
                    **finding_fields,
                )
            )
        return hits

    @staticmethod
    def _snippet(texts, pattern):
        texts = [t for t in texts if t]
        if not texts:
            return ""
        chosen = next((t for t in texts if pattern and pattern.search(t)), texts[0])
        return highlight(chosen, pattern, SNIPPET_LENGTH)

    # Facets ----------------------------------------------------------------------------------

    def _facets(self, request, projects, findings):
        """The number of hits, and counts for every facet, each with the other filters applied
        but not its own.

        Themes take three grouped queries. The other facets come from one grouped query per
        kind: hits counted by their combination of cohort, places, status, evidence type and
        confidence (a few hundred rows), filtered in Python once per facet. That keeps the text
        matching, the costly part, to a handful of passes over the tables.
        """
        facets = {"theme": self._theme_counts(request, projects, findings)}

        combinations = []
        theme_only = frozenset(FACETS) - {"theme"}
        steplen = Page.steplen
        if self._projects_allowed(request, ()):
            rows = (
                projects.filter(self._filters(request, "project", theme_only))
                .order_by()
                .annotate(parent=Substr("path", 1, Length("path") - steplen))
                .values("parent", "places", "status")
                .annotate(n=Count("pk"))
            )
            combinations += [{**row, "kind": "project"} for row in rows]
        rows = (
            findings.filter(self._filters(request, "finding", theme_only))
            .order_by()
            .annotate(
                parent=Substr("page__path", 1, Length("page__path") - steplen),
                places=F("page__places"),
                status=F("page__status"),
            )
            .values("parent", "places", "status", "evidence_type", "confidence")
            .annotate(n=Count("pk"))
        )
        combinations += [{**row, "kind": "finding"} for row in rows]

        def matching(*exclude):
            return [c for c in combinations if self._passes(request, c, exclude)]

        total = sum(c["n"] for c in matching())

        per_cohort = Counter()
        for c in matching("cohort", "year"):
            per_cohort[c["parent"]] += c["n"]
        cohorts, years = Counter(), Counter()
        for cohort in request.cohorts.values():
            count = per_cohort.get(cohort.path, 0)
            if not request.year or cohort.year == request.year:
                cohorts[cohort.slug] += count
            if not request.cohort or cohort.slug == request.cohort:
                years[cohort.year] += count
        facets["cohort"] = +cohorts
        facets["year"] = +years

        places = Counter()
        for c in matching("place"):
            for place in _places(c["places"]):
                places[place] += c["n"]
        facets["place"] = dict(places)

        for name, key in (("evidence", "evidence_type"), ("confidence", "confidence")):
            counts = Counter()
            for c in matching(name):
                if c["kind"] == "finding":
                    counts[c[key]] += c["n"]
            facets[name] = dict(counts)

        statuses = Counter()
        for c in matching("status"):
            statuses[c["status"]] += c["n"]
        facets["status"] = dict(statuses)
        return total, facets

    def _passes(self, request, combination, exclude):
        """Whether hits with this combination pass the request's filters (themes aside)."""
        if combination["kind"] == "project":
            if not self._projects_allowed(request, exclude):
                return False
        else:
            if request.evidence and "evidence" not in exclude:
                if combination["evidence_type"] != request.evidence:
                    return False
            if request.confidence and "confidence" not in exclude:
                if combination["confidence"] != request.confidence:
                    return False
        paths = self._cohort_paths(request, exclude)
        if paths is not None and combination["parent"] not in paths:
            return False
        if request.place and "place" not in exclude:
            if request.place not in _places(combination["places"]):
                return False
        if request.status and "status" not in exclude and combination["status"] != request.status:
            return False
        return True

    def _theme_counts(self, request, projects, findings):
        """Hits per theme slug, with every filter but the theme filter applied."""
        themes = Counter()
        if self._projects_allowed(request, {"theme"}):
            matching = projects.filter(self._filters(request, "project", {"theme"})).order_by()
            rows = (
                ProjectPageTheme.objects.filter(content_object__in=matching.values("pk"))
                .values("tag__slug")
                .annotate(n=Count("content_object_id", distinct=True))
                .order_by()
            )
            themes.update({r["tag__slug"]: r["n"] for r in rows})
        matching = findings.filter(self._filters(request, "finding", {"theme"})).order_by()
        # Findings count under each of their project's themes: the matching findings counted
        # per project in one pass, then those projects' themes by id. (Joined in one query, or
        # with the findings as a subquery, the database matched the text again for every theme
        # of every project: minutes at 100,000 findings on SQLite.)
        per_project = dict(
            matching.values("page_id").annotate(n=Count("pk")).values_list("page_id", "n")
        )
        ids = sorted(per_project)
        for start in range(0, len(ids), ID_BATCH):
            project_themes = ProjectPageTheme.objects.filter(
                content_object_id__in=ids[start : start + ID_BATCH]
            ).values_list("content_object_id", "tag__slug")
            for project_id, slug in project_themes:
                themes[slug] += per_project[project_id]
        # A finding's own theme counts unless its project already has that theme.
        own = (
            FindingTheme.objects.filter(content_object__in=matching.values("pk"))
            .exclude(
                Exists(
                    ProjectPageTheme.objects.filter(
                        content_object_id=OuterRef("content_object__page_id"),
                        tag_id=OuterRef("tag_id"),
                    )
                )
            )
            .values("tag__slug")
            .annotate(n=Count("content_object_id", distinct=True))
            .order_by()
        )
        for r in own:
            themes[r["tag__slug"]] += r["n"]
        return dict(themes)

    # Suggestions -----------------------------------------------------------------------------

    def suggest(self, request):
        """The query with each unknown word replaced by the closest word on the site, if any."""
        try:
            with time_limit(settings.SEARCH_DATABASE_TIMEOUT):
                return self._suggest(request)
        except SearchTookTooLong:
            return None

    def _suggest(self, request):
        vocabulary = set()
        # Words from public pages only: a suggestion must not give away a private project.
        texts = list(Theme.objects.values_list("name", flat=True))
        texts += ProjectPage.objects.live().public().values_list("title", flat=True)[:2000]
        texts += Finding.objects.public().values_list("headline", flat=True)[:5000]
        for text in texts:
            vocabulary.update(w for w in tokenise(text) if len(w) >= 3)
        stems = {stem(w) for w in vocabulary}

        words, changed = [], False
        for group in request.groups:
            for word in group.label.split():
                if stem(word) in stems or word.isdigit():
                    words.append(word)
                    continue
                close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
                if close:
                    words.append(close[0])
                    changed = True
                else:
                    words.append(word)
        return " ".join(words) if changed else None
