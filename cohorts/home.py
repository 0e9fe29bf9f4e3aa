"""The home page's list of cohorts, registered with ``core.home`` by ``CohortsConfig``."""

from cohorts.models import CohortPage


def cohorts(page, request):
    return CohortPage.objects.live().public().order_by("-year")
