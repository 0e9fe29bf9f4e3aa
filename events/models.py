"""Knowledge Exchange events and their sessions, each linking the projects presented."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from core.vocabularies import EventFormat


class EventIndexPage(Page):
    """All Knowledge Exchange events, newest first."""

    introduction = models.TextField(blank=True)

    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("introduction")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = EventPage.objects.child_of(self).live().public().order_by("-start_date")
        return context


class EventPage(Page):
    """A Knowledge Exchange event, such as the 4th ATR Knowledge Exchange in March 2024."""

    start_date = models.DateField()
    end_date = models.DateField()
    format = models.CharField(max_length=16, choices=EventFormat.choices)
    summary = models.TextField(blank=True)

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("format")]),
        FieldPanel("summary"),
        InlinePanel("sessions", heading="Sessions", label="Session"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        verbose_name = "Knowledge Exchange event"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})


class EventSession(Orderable, ClusterableModel):
    """A session of an event: a talk, workshop or panel, with its recording and slides."""

    page = ParentalKey(EventPage, related_name="sessions", on_delete=models.CASCADE)
    title = models.CharField(max_length=255)
    date = models.DateField(null=True, blank=True)
    format = models.CharField(max_length=16, choices=EventFormat.choices, blank=True)
    summary = models.TextField(blank=True)
    speakers = models.TextField(blank=True, help_text="One speaker per line.")
    projects = ParentalManyToManyField(
        "projects.ProjectPage",
        blank=True,
        related_name="event_sessions",
        help_text="The projects presented in this session.",
    )
    recording_url = models.URLField(
        blank=True,
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Optional. Where the recording can be watched (https://...).",
    )
    slides = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("format")]),
        FieldPanel("summary"),
        FieldPanel("speakers"),
        FieldPanel("projects"),
        FieldPanel("recording_url"),
        FieldPanel("slides"),
    ]

    def __str__(self):
        return self.title

    @property
    def speaker_list(self):
        return [s.strip() for s in self.speakers.splitlines() if s.strip()]
