"""Search on the site's own database: no search server needed.

Matching runs in the ORM so that it works the same on SQLite and PostgreSQL: each query word
becomes a word-start pattern on its stem ("organis" finds organisation, organisations,
organised), and each synonym group an alternation. A hit must match every word (or synonym
group) in some field; the score adds a weight per field matched, so title and headline matches
rank above summary and body text. Project write-ups (StreamField) are matched through Wagtail's
database search index, which holds their plain text.

Hits of both kinds come back in one SQL UNION, sorted and sliced in the database; the hits on
the page are then fetched with their themes prefetched. Facet counts are one grouped query per
facet and kind, so a search costs the same number of queries whatever the page size.
"""

import difflib
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime

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
from django.db.models.functions import Coalesce, Length, Substr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme, Theme
from projects.vocabularies import Place
from search.backends.base import BackendResponse, BaseSearchBackend, Hit

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
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every piece is escaped


def inflections(word):
    """Exact word forms for indexes that do not stem (SQLite FTS5): plural, -ing, -ed."""
    from search.query import stem

    base = stem(word)
    forms = {word, base}
    if len(base) > 3:
        forms |= {base + s for s in ("s", "es", "e", "es", "ed", "ing", "y", "ies")}
    else:
        forms.add(base + "s")
    return sorted(f for f in forms if f.isalnum())


def _text_q(field, stems):
    needle = max(stems, key=len)
    # LIKE first: cheap, and it spares the regular expression most rows.
    return Q(**{f"{field}__icontains": needle}) & Q(**{f"{field}__iregex": sql_pattern(stems)})


def _any_alternative(field, group):
    q = Q()
    for stems in group.stems:
        q |= _text_q(field, stems)
    return q


def _paths_q(field, paths):
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


class DatabaseSearchBackend(BaseSearchBackend):
    """Search with the ORM and Wagtail's database search index (SQLite FTS5 or PostgreSQL)."""

    name = "database"

    # Matching --------------------------------------------------------------------------------

    def _body_q(self, group):
        """Projects whose write-up matches the group, through Wagtail's search index."""
        alternatives = []
        for words in group.words:
            if len(words) == 1:
                alternatives += [PlainText(form) for form in inflections(words[0])]
            else:
                alternatives.append(And([PlainText(w) for w in words]))
        results = get_search_backend().search(
            Or(alternatives), ProjectPage, order_by_relevance=False
        )
        if not hasattr(results, "get_queryset"):
            # Wagtail's search is on a search server: its index is not in this database.
            return Q(pk__in=[])
        return Q(pk__in=results.get_queryset().values("pk"))

    def _project_conditions(self, group):
        theme_match = Exists(
            ProjectPageTheme.objects.filter(content_object=OuterRef("pk")).filter(
                _any_alternative("tag__name", group)
            )
        )
        return {
            "title": _any_alternative("title", group),
            "summary": _any_alternative("summary", group),
            "themes": Q(theme_match),
            "body": self._body_q(group),
        }

    def _finding_conditions(self, group):
        own = Exists(
            FindingTheme.objects.filter(content_object=OuterRef("pk")).filter(
                _any_alternative("tag__name", group)
            )
        )
        project = Exists(
            ProjectPageTheme.objects.filter(content_object=OuterRef("page_id")).filter(
                _any_alternative("tag__name", group)
            )
        )
        return {
            "headline": _any_alternative("headline", group),
            "detail": _any_alternative("detail", group),
            "recommendation": _any_alternative("recommendation", group),
            "themes": Q(own),
            "project_themes": Q(project),
        }

    def _match(self, request, conditions_for, weights):
        """The filter (every group matches some field) and the score expression."""
        match, score = Q(), None
        for group in request.groups:
            conditions = conditions_for(group)
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
        projects = ProjectPage.objects.live().public()
        findings = Finding.objects.public()
        project_match, project_score = self._match(
            request, self._project_conditions, PROJECT_WEIGHTS
        )
        finding_match, finding_score = self._match(
            request, self._finding_conditions, FINDING_WEIGHTS
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
        total = rows.count()
        # Past the last hit there is nothing to fetch (and a huge offset would overflow SQLite).
        page_rows = (
            list(rows.order_by(*ordering)[offset : offset + limit]) if offset < total else []
        )

        return BackendResponse(
            total=total,
            hits=self._hits(request, page_rows),
            facets=self._facets(request, projects, findings),
        )

    def _hits(self, request, rows):
        ids = defaultdict(list)
        for row in rows:
            ids[row["kind"]].append(row["obj_id"])
        objects = {}
        if ids["project"]:
            for project in ProjectPage.objects.filter(pk__in=ids["project"]).prefetch_related(
                "themes"
            ):
                objects["project", project.pk] = project
        if ids["finding"]:
            for finding in (
                Finding.objects.filter(pk__in=ids["finding"])
                .select_related("page")
                .prefetch_related("themes", "page__themes")
            ):
                objects["finding", finding.pk] = finding

        pattern = highlighter(request.groups)
        hits = []
        for row in rows:
            obj = objects.get((row["kind"], row["obj_id"]))
            if obj is None:  # deleted between the two queries
                continue
            if row["kind"] == "project":
                title, texts = obj.title, [obj.summary]
            else:
                title, texts = obj.headline, [obj.detail, obj.recommendation, obj.headline]
            hits.append(
                Hit(
                    kind=row["kind"],
                    obj=obj,
                    score=float(row["score"] or 0),
                    snippet=self._snippet(texts, pattern),
                    title_html=highlight(title, pattern),
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
        """Counts for every facet, each with the other filters applied but not its own."""

        def project_set(*exclude):
            if not self._projects_allowed(request, exclude):
                return None
            return projects.filter(self._filters(request, "project", exclude)).order_by()

        def finding_set(*exclude):
            return findings.filter(self._filters(request, "finding", exclude)).order_by()

        facets = {}

        themes = Counter()
        if (p := project_set("theme")) is not None:
            rows = (
                ProjectPageTheme.objects.filter(content_object__in=p.values("pk"))
                .values("tag__slug")
                .annotate(n=Count("content_object_id", distinct=True))
                .order_by()
            )
            themes.update({r["tag__slug"]: r["n"] for r in rows})
        f = finding_set("theme")
        via_project = (
            f.filter(page__tagged_items__isnull=False)
            .values("page__tagged_items__tag__slug")
            .annotate(n=Count("pk", distinct=True))
        )
        for r in via_project:
            themes[r["page__tagged_items__tag__slug"]] += r["n"]
        # A finding's own theme counts unless its project already has that theme.
        own = (
            FindingTheme.objects.filter(content_object__in=f.values("pk"))
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
        facets["theme"] = dict(themes)

        # Cohort and year both come from the project's place in the page tree.
        per_cohort = Counter()
        steplen = Page.steplen
        if (p := project_set("cohort", "year")) is not None:
            rows = (
                p.annotate(parent=Substr("path", 1, Length("path") - steplen))
                .values("parent")
                .annotate(n=Count("pk"))
            )
            per_cohort.update({r["parent"]: r["n"] for r in rows})
        rows = (
            finding_set("cohort", "year")
            .annotate(parent=Substr("page__path", 1, Length("page__path") - steplen))
            .values("parent")
            .annotate(n=Count("pk"))
        )
        for r in rows:
            per_cohort[r["parent"]] += r["n"]
        cohorts, years = Counter(), Counter()
        for c in request.cohorts.values():
            count = per_cohort.get(c.path, 0)
            if not request.year or c.year == request.year:
                cohorts[c.slug] += count
            if not request.cohort or c.slug == request.cohort:
                years[c.year] += count
        facets["cohort"] = {k: v for k, v in cohorts.items() if v}
        facets["year"] = {k: v for k, v in years.items() if v}

        places = Counter()
        for kind, field in (("project", "places"), ("finding", "page__places")):
            matching = project_set("place") if kind == "project" else finding_set("place")
            if matching is None:
                continue
            counts = matching.aggregate(
                **{
                    f"place_{i}": Count("pk", filter=self._place_q(field, value))
                    for i, value in enumerate(Place.values)
                }
            )
            for i, value in enumerate(Place.values):
                places[value] += counts[f"place_{i}"]
        facets["place"] = {k: v for k, v in places.items() if v}

        for name, field in (("evidence", "evidence_type"), ("confidence", "confidence")):
            rows = finding_set(name).values(field).annotate(n=Count("pk"))
            facets[name] = {r[field]: r["n"] for r in rows}

        statuses = Counter()
        if (p := project_set("status")) is not None:
            statuses.update(
                {r["status"]: r["n"] for r in p.values("status").annotate(n=Count("pk"))}
            )
        for r in finding_set("status").values("page__status").annotate(n=Count("pk")):
            statuses[r["page__status"]] += r["n"]
        facets["status"] = dict(statuses)
        return facets

    # Suggestions -----------------------------------------------------------------------------

    def suggest(self, request):
        """The query with each unknown word replaced by the closest word on the site, if any."""
        from search.query import stem, tokenise

        vocabulary = set()
        texts = list(Theme.objects.values_list("name", flat=True))
        texts += ProjectPage.objects.live().values_list("title", flat=True)[:2000]
        texts += Finding.objects.filter(page__live=True).values_list("headline", flat=True)[:5000]
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
