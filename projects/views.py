"""Public views of themes (every theme, and one theme's projects and findings), the key to
reading a finding's evidence rating, and each finding's permanent address."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from core.vocabularies import EvidenceType
from projects import evidence_map as maps
from projects import ratings
from projects.models import Finding, Theme
from projects.theme_counts import ThemeCounts, theme_counts, theme_findings, theme_projects

FINDINGS_PER_PAGE = 50


def theme_index(request):
    """Themes with at least one public project or finding, with counts."""
    counts = theme_counts()
    themes = list(Theme.objects.filter(pk__in=counts.keys()).order_by("name"))
    for theme in themes:
        theme.project_count = counts[theme.pk].projects
        theme.finding_count = counts[theme.pk].findings
    return render(request, "projects/theme_index.html", {"themes": themes})


def theme_detail(request, slug):
    """A theme's description, the public projects tagged with it and its findings, strongest first."""
    theme = get_object_or_404(Theme, slug=slug)
    counts = theme_counts([theme]).get(theme.pk, ThemeCounts())
    # A theme named only on drafts would reveal what an unpublished project is about;
    # a curated description or summary means the programme team chose to show the page anyway.
    if not (theme.description or theme.summary) and not (counts.projects or counts.findings):
        raise Http404("No published projects or findings on this theme yet.")
    projects = theme_projects(theme).order_by("title")
    # A broad theme gathers hundreds of findings; one page of them keeps the page quick to load.
    paginator = Paginator(theme_findings(theme), FINDINGS_PER_PAGE)
    return render(
        request,
        "projects/theme_detail.html",
        {
            "theme": theme,
            "projects": projects,
            "findings": paginator.get_page(request.GET.get("page")),
            "counts": counts,
        },
    )


def how_to_read_a_finding(request):
    """The key to every rating: what the evidence types and confidence levels mean, and who rates."""
    return render(
        request,
        "projects/how_to_read_a_finding.html",
        {
            "levels": list(ratings.LEVELS.values()),
            "evidence": [(label, ratings.EVIDENCE[value]) for value, label in EvidenceType.choices],
            "not_strong": [
                ratings.evidence_label(value).lower()
                for value in EvidenceType.values
                if not ratings.fits(value, "strong")
            ],
            "strong_minimum": ratings.STRONG_MINIMUM_PARTICIPANTS,
        },
    )


def finding_permalink(request, finding_id):
    """A finding's permanent address: on to its page within its project, wherever that now is.

    The finding's id outlives changes to its project's address and title, so citations and
    shared links keep working. Findings of drafts and restricted projects do not exist here.
    """
    finding = get_object_or_404(Finding.objects.public().select_related("page"), pk=finding_id)
    # Temporary, since the project's address may change again; this one never does.
    return redirect(finding.get_permalink(request))


def evidence_map(request):
    """The public evidence and gap map: published findings by theme and by evidence type or
    place, each cell a link to those findings in search, with the gaps stated in words."""
    view = request.GET.get("by")
    report = maps.build(view if view in maps.VIEWS else maps.BY_EVIDENCE)
    return render(
        request,
        "projects/evidence_map.html",
        {
            "map": report,
            "views": [(value, f"By {spec['label'].lower()}") for value, spec in maps.VIEWS.items()],
            "levels": list(ratings.LEVELS.values()),
            "sizes": range(1, maps.SIZES + 1),
        },
    )
