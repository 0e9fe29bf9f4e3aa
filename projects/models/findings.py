"""Structured findings: the ordered, individually linkable results of a project."""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core.vocabularies import Confidence, EvidenceType, Setting
from projects import checklist, ratings
from projects.models.themes import FindingTheme
from projects.serializers import ThemeSerializer
from projects.widgets import ThemeWidget


def new_finding_key():
    """A short random key: the finding's anchor stays the same when headlines change or findings move."""
    return secrets.token_hex(4)


class FindingQuerySet(models.QuerySet):
    def public(self):
        """Findings of live projects that anyone may read (no view restriction)."""
        from projects.models.pages import ProjectPage

        return self.filter(page__in=ProjectPage.objects.live().public())


class Finding(Orderable, ClusterableModel):
    """One finding of a project: a headline, what supports it, and what practitioners could do."""

    page = ParentalKey("projects.ProjectPage", related_name="findings", on_delete=models.CASCADE)
    key = models.CharField(
        max_length=16,
        default=new_finding_key,
        editable=False,
        db_index=True,
        help_text="Stable identifier used in the finding's web address.",
    )
    headline = models.CharField(
        max_length=255,
        help_text="One sentence that says what you found, e.g. 'Warm, plain-language letters reduced "
        "missed appointments.'",
    )
    detail = models.TextField(
        blank=True,
        help_text="Optional. What you saw or heard that supports this finding, in plain words.",
    )
    evidence_type = models.CharField(
        max_length=32,
        choices=EvidenceType.choices,
        help_text="Where the evidence for this finding mainly comes from. Choose 'Mixed methods' if "
        "it comes from several kinds.",
    )
    confidence = models.CharField(
        max_length=16,
        choices=Confidence.choices,
        help_text=ratings.confidence_help_text(),
    )
    recommendation = models.TextField(
        blank=True,
        help_text="Optional. What practitioners could do differently because of this finding.",
    )
    participants = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name="number of participants or records",
        help_text="Optional. How many people took part, or how many records you looked at.",
    )
    setting = models.CharField(
        max_length=32,
        choices=Setting.choices,
        blank=True,
        help_text="Optional. The kind of place the fieldwork happened in.",
    )
    fieldwork_start = models.DateField(
        null=True,
        blank=True,
        verbose_name="fieldwork began",
        help_text="Optional. When the fieldwork began. The first day of the month is enough.",
    )
    fieldwork_end = models.DateField(
        null=True,
        blank=True,
        verbose_name="fieldwork ended",
        help_text="Optional. When the fieldwork ended. The last day of the month is enough.",
    )
    # Set when the project's mentor approves its review (reviews/rating_checks.py), never typed.
    checked_by = models.ForeignKey(
        "cohorts.Mentor",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="checked_findings",
        help_text="The mentor who checked this finding's rating.",
    )
    checked_at = models.DateField(
        null=True, blank=True, editable=False, help_text="When the mentor checked the rating."
    )
    themes = ClusterTaggableManager(
        through=FindingTheme,
        blank=True,
        help_text="Optional. Themes of this finding beyond the project's own themes.",
    )

    objects = FindingQuerySet.as_manager()

    panels = [
        # A box of two lines, so that a whole sentence is in view as it is written.
        FieldPanel(
            "headline",
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=checklist.HEADLINE_HELP,
        ),
        FieldPanel("detail"),
        FieldRowPanel([FieldPanel("evidence_type"), FieldPanel("confidence")]),
        FieldPanel("recommendation"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("participants"), FieldPanel("setting")]),
                FieldRowPanel([FieldPanel("fieldwork_start"), FieldPanel("fieldwork_end")]),
            ],
            heading="Who and where",
        ),
        FieldPanel(
            "themes",
            heading="Themes",
            widget=ThemeWidget,
            help_text="Optional. Themes of this finding beyond the project's own themes. Start "
            "typing to see themes others have used.",
        ),
    ]

    api_fields = [
        APIField("key"),
        APIField("headline"),
        APIField("detail"),
        APIField("evidence_type"),
        APIField("confidence"),
        APIField("recommendation"),
        # The project's note, on each finding too, for those who reuse findings one by one.
        APIField("content_note"),
        APIField("participants"),
        APIField("setting"),
        APIField("fieldwork_start"),
        APIField("fieldwork_end"),
        # The mentor's name only: their email and account stay private.
        APIField("checked_by_name"),
        APIField("checked_at"),
        APIField("themes", serializer=ThemeSerializer(many=True)),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "finding"

    def __str__(self):
        return self.headline

    def clean(self):
        super().clean()
        # The headline box has two lines, but a headline is one line wherever it is shown.
        self.headline = " ".join((self.headline or "").split())
        if (
            self.fieldwork_start
            and self.fieldwork_end
            and self.fieldwork_end < self.fieldwork_start
        ):
            raise ValidationError(
                {"fieldwork_end": "The fieldwork must end on or after the day it began."}
            )

    @property
    def level(self):
        """What the finding's confidence means, from the one set of rating rules."""
        return ratings.level(self.confidence)

    @property
    def content_note(self):
        """The project's content note: it covers every finding of the project."""
        return self.page.content_note

    @property
    def setting_label(self):
        return ratings.setting_label(self.setting)

    @property
    def fieldwork_period(self):
        """When the fieldwork happened, by month, e.g. "March 2023 to June 2023"; empty if unknown."""
        start, end = (
            format_date(day, "F Y") if day else ""
            for day in (self.fieldwork_start, self.fieldwork_end)
        )
        if start and end:
            return start if start == end else f"{start} to {end}"
        if start:
            return f"From {start}"
        return f"Until {end}" if end else ""

    @property
    def checked_by_name(self):
        return self.checked_by.name if self.checked_at and self.checked_by else None

    @property
    def rating_problems(self):
        """Why the rating does not fit the evidence, for the editor; empty when it fits."""
        return ratings.rating_problems(self.evidence_type, self.confidence, self.participants)

    @property
    def anchor(self):
        return f"finding-{self.key}"

    def get_url(self, request=None):
        """The finding's own address: the project page, scrolled to the finding."""
        return f"{self.page.get_url(request)}#{self.anchor}"

    def get_permalink(self, request=None):
        """A standalone page for the finding, for sharing and citing."""
        return f"{self.page.get_url(request)}findings/{self.key}/"

    @cached_property
    def all_themes(self):
        """The finding's themes and its project's themes, without repeats, by name."""
        themes = {t.pk: t for t in self.page.themes.all()}
        themes.update({t.pk: t for t in self.themes.all()})
        return sorted(themes.values(), key=lambda t: t.name.casefold())
