"""Public views of themes: every theme, and one theme's projects and findings."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from projects.models import Finding, ProjectPage, Theme


def theme_index(request):
    """Themes with at least one public project or finding, with counts."""
    public_projects = ProjectPage.objects.live().public()
    themes = (
        Theme.objects.annotate(
            project_count=Count(
                "tagged_projects",
                filter=Q(tagged_projects__content_object__in=public_projects),
                distinct=True,
            ),
            finding_count=Count(
                "tagged_findings",
                filter=Q(tagged_findings__content_object__in=Finding.objects.public()),
                distinct=True,
            ),
        )
        .filter(Q(project_count__gt=0) | Q(finding_count__gt=0))
        .order_by("name")
    )
    return render(request, "projects/theme_index.html", {"themes": themes})


def theme_detail(request, slug):
    """A theme's description, the public projects tagged with it and the findings on it."""
    theme = get_object_or_404(Theme, slug=slug)
    projects = ProjectPage.objects.live().public().filter(themes=theme).order_by("title")
    findings = (
        Finding.objects.public()
        .filter(Q(themes=theme) | Q(page__themes=theme))
        .distinct()
        .select_related("page")
        .order_by("page__title", "sort_order")
    )
    # A theme named only on drafts would reveal what an unpublished project is about;
    # a curated description means the programme team chose to show the page anyway.
    if not theme.description and not projects.exists() and not findings.exists():
        raise Http404("No published projects or findings on this theme yet.")
    return render(
        request,
        "projects/theme_detail.html",
        {"theme": theme, "projects": projects, "findings": findings},
    )
