"""Reports from practitioners who used a finding, moderated by the programme team before they count."""

from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel

HOW_USED_MAX_LENGTH = 2000


class OrganisationType(models.TextChoices):
    """Where the person who used a finding works."""

    NHS = "nhs", "NHS"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    SCHOOL = "school", "School"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    OTHER = "other", "Other"


class ModerationStatus(models.TextChoices):
    """Where a report is in moderation; the dashboard counts approved reports."""

    PENDING = "pending", "Waiting for moderation"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class FindingUseQuerySet(models.QuerySet):
    """Reports, with a shortcut to those the programme team approved."""

    def approved(self):
        return self.filter(status=ModerationStatus.APPROVED)


class FindingUse(models.Model):
    """One report that a finding was used in practice. Only approved reports are counted."""

    finding = models.ForeignKey("projects.Finding", related_name="uses", on_delete=models.CASCADE)
    who = models.CharField(
        max_length=255,
        blank=True,
        help_text="Optional. The name or role the person gave, e.g. 'School nurse'.",
    )
    organisation_type = models.CharField(max_length=32, choices=OrganisationType.choices)
    how_used = models.TextField(max_length=HOW_USED_MAX_LENGTH, verbose_name="how it was used")
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(
        max_length=16,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
        db_index=True,
    )

    objects = FindingUseQuerySet.as_manager()

    panels = [
        FieldPanel("finding", read_only=True),
        FieldRowPanel([FieldPanel("who"), FieldPanel("organisation_type")]),
        FieldPanel("how_used"),
        FieldPanel("status"),
    ]

    class Meta:
        ordering = ["-created"]
        verbose_name = "finding use"

    def __str__(self):
        return f"Use of '{self.finding}' ({self.get_organisation_type_display()})"


def approved_use_count(finding):
    """How many approved reports say ``finding`` was used."""
    return FindingUse.objects.approved().filter(finding=finding).count()


class CitationFormat(models.TextChoices):
    """The formats a citation downloads in."""

    BIBTEX = "bibtex", "BibTeX"
    RIS = "ris", "RIS"
    CSL_JSON = "csl-json", "CSL-JSON"


class CitedKind(models.TextChoices):
    """What a downloaded citation cites."""

    PROJECT = "project", "Project"
    FINDING = "finding", "Finding"


class CitationDownloads(models.Model):
    """How many citations of projects (or of findings) were downloaded in one format in one month.

    A count and nothing else: not who downloaded, from which address, with which browser, or
    which project; no cookie is read or set to count them.
    """

    month = models.DateField(help_text="The first day of the month of the downloads.")
    cited = models.CharField(max_length=16, choices=CitedKind.choices)
    format = models.CharField(max_length=16, choices=CitationFormat.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month", "cited", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "cited", "format"], name="reuse_citation_downloads_month"
            )
        ]
        verbose_name = "citation downloads"
        verbose_name_plural = "citation downloads"

    def __str__(self):
        return (
            f"{self.count} {self.get_format_display()} citations of "
            f"{self.get_cited_display().lower()}s in {self.month:%B %Y}"
        )
