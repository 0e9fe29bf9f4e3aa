"""Structured findings: the ordered, individually linkable results of a project."""

import secrets

from django.db import models
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from projects.models.themes import FindingTheme
from projects.vocabularies import Confidence, EvidenceType
from reuse.serializers import ThemeSerializer


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
        help_text="How sure you are. Emerging: early signs. Moderate: seen more than once. Strong: "
        "seen consistently, from several sources.",
    )
    recommendation = models.TextField(
        blank=True,
        help_text="Optional. What practitioners could do differently because of this finding.",
    )
    themes = ClusterTaggableManager(
        through=FindingTheme,
        blank=True,
        help_text="Optional. Themes of this finding beyond the project's own themes.",
    )

    objects = FindingQuerySet.as_manager()

    panels = [
        FieldPanel("headline"),
        FieldPanel("detail"),
        FieldRowPanel([FieldPanel("evidence_type"), FieldPanel("confidence")]),
        FieldPanel("recommendation"),
        FieldPanel("themes"),
    ]

    api_fields = [
        APIField("key"),
        APIField("headline"),
        APIField("detail"),
        APIField("evidence_type"),
        APIField("confidence"),
        APIField("recommendation"),
        APIField("themes", serializer=ThemeSerializer(many=True)),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "finding"

    def __str__(self):
        return self.headline

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
