"""The home page's latest findings and themes, registered with ``core.home`` by ``ProjectsConfig``."""

from projects.models import Finding, Theme


def latest_findings(page, request):
    return (
        Finding.objects.public()
        .select_related("page")
        .order_by("-page__first_published_at", "sort_order")[:6]
    )


def themes(page, request):
    return Theme.objects.filter(tagged_projects__content_object__live=True).distinct()[:20]
