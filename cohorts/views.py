"""Public views of fellows."""

from django.apps import apps
from django.shortcuts import get_object_or_404, render

from cohorts.models import CohortPage, Fellow


def fellow_detail(request, slug):
    """A fellow's public profile and their published projects. Never shows the email address.

    The fellow's cohort is named only when anyone may read its page: a draft cohort, or one
    behind a view restriction, stays off the profile as it stays off every public page. A fellow
    with neither a public project nor a public cohort has no public profile at all.
    """
    fellow = get_object_or_404(Fellow.objects.public().select_related("photo"), slug=slug)
    cohort = (
        CohortPage.objects.live().public().filter(pk=fellow.cohort_id).first()
        if fellow.cohort_id
        else None
    )
    # By name, as the models refer to projects: projects sits above cohorts and imports it.
    ProjectPage = apps.get_model("projects", "ProjectPage")
    projects = ProjectPage.objects.live().public().filter(fellows=fellow).order_by("title")
    return render(
        request,
        "cohorts/fellow_detail.html",
        {"fellow": fellow, "cohort": cohort, "projects": projects},
    )
