"""The home page."""

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The site's front page: latest findings, themes, cohorts and the next Knowledge Exchange."""

    introduction = models.TextField(
        blank=True,
        default="What fellows of the Improving Population Health Fellowship in West Yorkshire "
        "learned about adversity, trauma and resilience, and what practitioners can do with it.",
    )

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("introduction")]

    def get_context(self, request, *args, **kwargs):
        from cohorts.models import CohortPage
        from events.models import EventPage
        from projects.models import Finding, Theme

        context = super().get_context(request, *args, **kwargs)
        context["latest_findings"] = (
            Finding.objects.public()
            .select_related("page")
            .order_by("-page__first_published_at", "sort_order")[:6]
        )
        context["themes"] = Theme.objects.filter(
            tagged_projects__content_object__live=True
        ).distinct()[:20]
        context["cohorts"] = CohortPage.objects.live().public().order_by("-year")
        context["event"] = self.featured_event(EventPage.objects.live().public())
        return context

    @staticmethod
    def featured_event(events):
        """The next Knowledge Exchange (the soonest not yet over), or else the latest one."""
        today = timezone.localdate()
        upcoming = events.filter(end_date__gte=today).order_by("start_date").first()
        return upcoming or events.order_by("-start_date").first()
