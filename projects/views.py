"""Public views of themes: every theme, and one theme's projects and findings."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme, Theme

FINDINGS_PER_PAGE = 50


def theme_index(request):
    """Themes with at least one public project or finding, with counts."""
    # Counted per tag table in separate grouped queries: one query joining both tables counts
    # every project of a theme against every finding of it, which takes seconds on a large site.
    project_counts = dict(
        ProjectPageTheme.objects.filter(content_object__in=ProjectPage.objects.live().public())
        .values("tag")
        .annotate(count=Count("content_object", distinct=True))
        .values_list("tag", "count")
    )
    finding_counts = dict(
        FindingTheme.objects.filter(content_object__in=Finding.objects.public())
        .values("tag")
        .annotate(count=Count("content_object", distinct=True))
        .values_list("tag", "count")
    )
    themes = list(
        Theme.objects.filter(pk__in=project_counts.keys() | finding_counts.keys()).order_by("name")
    )
    for theme in themes:
        theme.project_count = project_counts.get(theme.pk, 0)
        theme.finding_count = finding_counts.get(theme.pk, 0)
    return render(request, "projects/theme_index.html", {"themes": themes})


def theme_detail(request, slug):
    """A theme's description, the public projects tagged with it and the findings on it."""
    theme = get_object_or_404(Theme, slug=slug)
    projects = ProjectPage.objects.live().public().filter(themes=theme).order_by("title")
    # Two plain subqueries rather than an OR across both tag joins, which needs DISTINCT over
    # every finding of the site before it can return the first.
    findings = (
        Finding.objects.public()
        .filter(
            Q(pk__in=FindingTheme.objects.filter(tag=theme).values("content_object"))
            | Q(page__in=ProjectPageTheme.objects.filter(tag=theme).values("content_object"))
        )
        .select_related("page")
        .order_by("page__title", "page_id", "sort_order")
    )
    # A theme named only on drafts would reveal what an unpublished project is about;
    # a curated description means the programme team chose to show the page anyway.
    if not theme.description and not projects.exists() and not findings.exists():
        raise Http404("No published projects or findings on this theme yet.")
    # A broad theme gathers hundreds of findings; one page of them keeps the page quick to load.
    findings_page = Paginator(findings, FINDINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/theme_detail.html",
        {"theme": theme, "projects": projects, "findings": findings_page},
    )
