"""The request's filters as ORM conditions, shared by the database backend's hits and facets.

Each function takes ``exclude``, the filters to leave out: a facet is counted with every filter
but its own.
"""

import json

from django.db.models import Exists, OuterRef, Q

from projects.models import FindingTheme, ProjectPageTheme


def projects_allowed(request, exclude=frozenset()):
    """Evidence type and confidence belong to findings: filtering on them leaves no projects,
    as does asking for findings only."""
    if request.kind == "finding" and "kind" not in exclude:
        return False
    return not any(
        getattr(request, name) and name not in exclude for name in ("evidence", "confidence")
    )


def cohort_paths(request, exclude=frozenset()):
    """Paths of the cohorts the cohort and year filters allow, or None when neither applies."""
    by_cohort = request.cohort and "cohort" not in exclude
    by_year = request.year and "year" not in exclude
    if not (by_cohort or by_year):
        return None
    return [
        c.path
        for c in request.cohorts.values()
        if (not by_cohort or c.slug == request.cohort) and (not by_year or c.year == request.year)
    ]


def places_of(value):
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


def _place_q(field, place):
    # Places are a JSON list of names; the quoted name matches one element exactly, and
    # works on SQLite, which has no JSON containment lookup.
    return Q(**{f"{field}__icontains": f'"{place}"'})


def filters_q(request, kind, exclude=frozenset()):
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
    paths = cohort_paths(request, exclude)
    if paths is not None:
        q &= _paths_q(f"{page}path", paths)
    if request.place and "place" not in exclude:
        q &= _place_q(f"{page}places", request.place)
    if request.status and "status" not in exclude:
        q &= Q(**{f"{page}status": request.status})
    if kind == "finding":
        if request.kind == "project" and "kind" not in exclude:
            q &= Q(pk__in=[])
        if request.evidence and "evidence" not in exclude:
            q &= Q(evidence_type=request.evidence)
        if request.confidence and "confidence" not in exclude:
            q &= Q(confidence=request.confidence)
    return q


def passes(request, combination, exclude):
    """Whether hits with this combination of values pass the request's filters (themes aside)."""
    if combination["kind"] == "project":
        if not projects_allowed(request, exclude):
            return False
    else:
        if request.kind == "project" and "kind" not in exclude:
            return False
        if request.evidence and "evidence" not in exclude:
            if combination["evidence_type"] != request.evidence:
                return False
        if request.confidence and "confidence" not in exclude:
            if combination["confidence"] != request.confidence:
                return False
    paths = cohort_paths(request, exclude)
    if paths is not None and combination["parent"] not in paths:
        return False
    if request.place and "place" not in exclude:
        if request.place not in places_of(combination["places"]):
            return False
    if request.status and "status" not in exclude and combination["status"] != request.status:
        return False
    return True
