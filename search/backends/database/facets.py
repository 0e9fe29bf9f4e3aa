"""Facet counts for the database backend: the number of hits for each value of each filter.

Themes take three grouped queries. The other facets come from one grouped query per kind: hits
counted by their combination of cohort, places, status, evidence type and confidence (a few
hundred rows), filtered in Python once per facet. That keeps the text matching, the costly part,
to a handful of passes over the tables, and the number of queries the same whatever the page
size. Only the hits are counted, and they are live and public, so no value reaches a facet from
a draft or a restricted page.
"""

from collections import Counter

from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import Length, Substr

from wagtail.models import Page

from projects.models import FindingTheme, ProjectPageTheme
from search.backends.base import FACETS
from search.backends.database.filtering import filters_q, passes, places_of, projects_allowed

# Ids in one IN (...) list: well within SQLite's limit on query parameters.
ID_BATCH = 5000


def count_facets(request, projects, findings):
    """The number of hits, and counts for every facet, each with the other filters applied
    but not its own. ``projects`` and ``findings`` are those that match the query."""
    facets = {"theme": _theme_counts(request, projects, findings)}
    combinations = _combinations(request, projects, findings)

    def matching(*exclude):
        return [c for c in combinations if passes(request, c, exclude)]

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
        for place in places_of(c["places"]):
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
    facets["kind"] = _kind_counts(request, combinations)
    return total, facets


def _kind_counts(request, combinations):
    """Hits of each kind, with every filter but the kind filter applied."""
    kinds = Counter()
    for c in combinations:
        if passes(request, c, {"kind"}):
            kinds[c["kind"]] += c["n"]
    return dict(kinds)


def _combinations(request, projects, findings):
    """Matching hits counted by their cohort, places, status, evidence type and confidence."""
    combinations = []
    theme_only = frozenset(FACETS) - {"theme"}
    steplen = Page.steplen
    if projects_allowed(request, {"kind"}):
        rows = (
            projects.filter(filters_q(request, "project", theme_only))
            .order_by()
            .annotate(parent=Substr("path", 1, Length("path") - steplen))
            .values("parent", "places", "status")
            .annotate(n=Count("pk"))
        )
        combinations += [{**row, "kind": "project"} for row in rows]
    rows = (
        findings.filter(filters_q(request, "finding", theme_only))
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
    return combinations


def _theme_counts(request, projects, findings):
    """Hits per theme slug, with every filter but the theme filter applied."""
    themes = Counter()
    if projects_allowed(request, {"theme"}):
        matching = projects.filter(filters_q(request, "project", {"theme"})).order_by()
        rows = (
            ProjectPageTheme.objects.filter(content_object__in=matching.values("pk"))
            .values("tag__slug")
            .annotate(n=Count("content_object_id", distinct=True))
            .order_by()
        )
        themes.update({r["tag__slug"]: r["n"] for r in rows})
    matching = findings.filter(filters_q(request, "finding", {"theme"})).order_by()
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
