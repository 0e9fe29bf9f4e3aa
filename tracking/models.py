"""Milestones through the fellowship year and mentors' check-ins with their fellows.

None of these records is a page or indexed for search, and none is in the API: they are seen only
through the admin views in ``tracking/views.py``, which ask ``tracking/permissions.py`` first.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class MilestoneTemplate(models.Model):
    """One milestone every project of a cohort gets when it is created, with its due date."""

    cohort = models.ForeignKey(
        "cohorts.CohortPage", on_delete=models.CASCADE, related_name="milestone_templates"
    )
    name = models.CharField(max_length=120, help_text="For example 'Data collection finished'.")
    due_date = models.DateField(help_text="When every project in the cohort should reach it.")

    class Meta:
        ordering = ["cohort", "due_date", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "name"], name="unique_milestone_template_per_cohort"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.due_date:%d %b %Y})"


class Milestone(models.Model):
    """A milestone of one project: copied from its cohort's template, adjustable by the team."""

    project = models.ForeignKey(
        "projects.ProjectPage", on_delete=models.CASCADE, related_name="milestones"
    )
    name = models.CharField(max_length=120)
    due_date = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    note = models.CharField(
        max_length=500,
        blank=True,
        help_text="A line on how it went, for the programme team and your mentors.",
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "name", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_done(self):
        return self.done_on is not None

    def days_overdue(self, today=None):
        """Days past the due date while not done; 0 when done or not yet due."""
        if self.is_done:
            return 0
        today = today or timezone.localdate()
        return max((today - self.due_date).days, 0)


class Rating(models.IntegerChoices):
    """How a check-in went, on the simple scale the mentors use."""

    STRUGGLING = 1, "Struggling"
    SOME_CONCERNS = 2, "Some concerns"
    GOING_WELL = 3, "Going well"


class CheckIn(models.Model):
    """A mentor's check-in with a project's fellows. Private to them and the programme team."""

    project = models.ForeignKey(
        "projects.ProjectPage", on_delete=models.CASCADE, related_name="check_ins"
    )
    date = models.DateField(default=timezone.localdate)
    rating = models.PositiveSmallIntegerField(
        "how it went", choices=Rating.choices, default=Rating.GOING_WELL
    )
    note = models.TextField(
        "private note",
        blank=True,
        max_length=2000,
        help_text="Seen only by the project's fellows, its mentors and the programme team.",
    )
    next_step = models.CharField("agreed next step", max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "check-in"

    def __str__(self):
        return f"Check-in on {self.date:%d %b %Y}"


class DigestSent(models.Model):
    """When the weekly digest went out, and each project's RAG status then, to say what changed."""

    sent_at = models.DateTimeField(default=timezone.now)
    statuses = models.JSONField(default=dict)

    class Meta:
        ordering = ["-sent_at"]
        get_latest_by = "sent_at"

    def __str__(self):
        return f"Digest sent {self.sent_at:%d %b %Y %H:%M}"
