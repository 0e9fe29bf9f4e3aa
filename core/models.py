"""The home page."""

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core import home


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
        context = super().get_context(request, *args, **kwargs)
        # Findings, themes, cohorts and the event come from apps above core (core/home.py).
        context.update(home.context_for(self, request))
        return context

    @staticmethod
    def featured_event(events):
        """The next Knowledge Exchange (the soonest not yet over), or else the latest one."""
        today = timezone.localdate()
        upcoming = events.filter(end_date__gte=today).order_by("start_date").first()
        return upcoming or events.order_by("-start_date").first()
