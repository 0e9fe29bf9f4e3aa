"""What is public on a theme, and how much: one answer for the themes index, a theme's page and
anywhere else that counts them.

A finding is on a theme when it is tagged with it or its project is: the theme page has always
listed both, so the counts include both.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When

from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme
from projects.ratings import CONFIDENCE_RANK


@dataclass(frozen=True)
class ThemeCounts:
    """The public projects and findings on one theme."""

    projects: int = 0
    findings: int = 0


def public_projects():
    return ProjectPage.objects.live().public()


def theme_projects(theme):
    """The public projects tagged with ``theme``."""
    return public_projects().filter(themes=theme)


def strongest_first(findings):
    """``findings`` with the surest first, then by project and their order on it."""
    rank = Case(
        *(When(confidence=value, then=Value(rank)) for value, rank in CONFIDENCE_RANK.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    return findings.alias(confidence_rank=rank).order_by(
        "-confidence_rank", "page__title", "page_id", "sort_order"
    )


def theme_findings(theme):
    """The public findings on ``theme``, their own or their project's, strongest first."""
    # Two plain subqueries rather than an OR across both tag joins, which needs DISTINCT over
    # every finding of the site before it can return the first.
    findings = Finding.objects.public().filter(
        Q(pk__in=FindingTheme.objects.filter(tag=theme).values("content_object"))
        | Q(page__in=ProjectPageTheme.objects.filter(tag=theme).values("content_object"))
    )
    return strongest_first(findings.select_related("page"))


def theme_counts(themes=None):
    """``{theme pk: ThemeCounts}`` for every theme with something public on it (or ``themes``).

    Counted per tag table in grouped queries: one query joining both tables counts every project
    of a theme against every finding of it, which takes seconds on a large site.
    """
    project_tags = ProjectPageTheme.objects.filter(content_object__in=public_projects())
    finding_tags = FindingTheme.objects.filter(content_object__in=Finding.objects.public())
    if themes is not None:
        project_tags = project_tags.filter(tag__in=themes)
        finding_tags = finding_tags.filter(tag__in=themes)

    projects = dict(
        project_tags.values("tag")
        .annotate(n=Count("content_object", distinct=True))
        .values_list("tag", "n")
    )
    # Findings through their project: each public project's findings, once per project tag.
    through_project = dict(
        project_tags.values("tag")
        .annotate(n=Count("content_object__findings", distinct=True))
        .values_list("tag", "n")
    )
    # Findings tagged themselves, leaving out those already counted through their project.
    own = dict(
        finding_tags.exclude(
            Exists(
                ProjectPageTheme.objects.filter(
                    tag=OuterRef("tag"), content_object=OuterRef("content_object__page")
                )
            )
        )
        .values("tag")
        .annotate(n=Count("content_object", distinct=True))
        .values_list("tag", "n")
    )
    return {
        pk: ThemeCounts(
            projects=projects.get(pk, 0),
            findings=through_project.get(pk, 0) + own.get(pk, 0),
        )
        for pk in projects.keys() | through_project.keys() | own.keys()
    }
