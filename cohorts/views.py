"""Public views of fellows."""

from django.shortcuts import get_object_or_404, render

from cohorts.models import Fellow
from projects.models import ProjectPage


def fellow_detail(request, slug):
    """A fellow's public profile and their published projects. Never shows the email address."""
    fellow = get_object_or_404(Fellow.objects.select_related("cohort", "photo"), slug=slug)
    projects = ProjectPage.objects.live().public().filter(fellows=fellow).order_by("title")
    return render(request, "cohorts/fellow_detail.html", {"fellow": fellow, "projects": projects})
