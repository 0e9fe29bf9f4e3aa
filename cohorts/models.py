"""Cohorts of the fellowship, their fellows, and the mentors who review projects."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from cohorts.permissions import CohortIndexPagePermissionTester, CohortPagePermissionTester
from core.vocabularies import Place

DEFAULT_PROGRAMME = "Improving Population Health Fellowship"


class CohortIndexPage(Page):
    """The list of all cohorts, newest first."""

    introduction = models.TextField(blank=True)

    parent_page_types = ["core.HomePage"]
    subpage_types = ["cohorts.CohortPage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("introduction")]

    def permissions_for_user(self, user):
        return CohortIndexPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cohorts"] = (
            CohortPage.objects.child_of(self).live().public().order_by("-year", "title")
        )
        return context


class CohortPage(Page):
    """A year's class of fellows on one strand of the programme, with its projects beneath it."""

    programme = models.CharField(max_length=255, default=DEFAULT_PROGRAMME)
    strand = models.CharField(
        max_length=255, blank=True, help_text="e.g. 'Adversity, Trauma and Resilience'."
    )
    year = models.PositiveIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)

    parent_page_types = ["cohorts.CohortIndexPage"]
    subpage_types = ["projects.ProjectPage"]

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("programme"), FieldPanel("strand")]),
        FieldRowPanel([FieldPanel("year"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("summary"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("strand"),
        index.FilterField("year"),
    ]

    class Meta:
        verbose_name = "cohort"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    def permissions_for_user(self, user):
        return CohortPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        # By name: projects depend on cohorts, never the other way round.
        project_page = apps.get_model("projects", "ProjectPage")
        context = super().get_context(request, *args, **kwargs)
        context["fellows"] = self.fellows.order_by("name")
        context["projects"] = (
            project_page.objects.child_of(self).live().public().specific().order_by("title")
        )
        return context


class FellowQuerySet(models.QuerySet):
    def public(self):
        """Fellows anyone may read about: on a live, public project or in a live, public cohort.

        A fellow known only from a draft, or from a cohort behind a view restriction, is not
        public: their profile is not found, as a draft page is not.
        """
        projects = apps.get_model("projects", "ProjectPage").objects.live().public()
        cohorts = CohortPage.objects.live().public()
        return self.filter(
            models.Q(pk__in=projects.values("fellows")) | models.Q(cohort__in=cohorts)
        )


class Fellow(index.Indexed, models.Model):
    """A fellow's public profile. The email address is private: it only links a user account."""

    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in the profile's web address."
    )
    name = models.CharField(max_length=255)
    cohort = models.ForeignKey(
        CohortPage, related_name="fellows", on_delete=models.SET_NULL, null=True, blank=True
    )
    job_title = models.CharField(max_length=255, blank=True)
    organisation = models.CharField(max_length=255, blank=True)
    place = models.CharField(max_length=32, choices=Place.choices, blank=True)
    bio = models.TextField(
        blank=True, help_text="Plain text. Leave a blank line between paragraphs."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(
        blank=True, help_text="Private. Links the profile to the fellow's user account."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fellow_profile",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("cohort"),
        MultiFieldPanel(
            [FieldPanel("job_title"), FieldPanel("organisation"), FieldPanel("place")],
            heading="Work",
        ),
        FieldPanel("bio"),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("user")], heading="Account (private)"),
    ]
    objects = FellowQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.SearchField("job_title"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("fellow_detail", kwargs={"slug": self.slug})

    @property
    def bio_paragraphs(self):
        return [p.strip() for p in self.bio.split("\n\n") if p.strip()]


class Mentor(index.Indexed, models.Model):
    """A mentor who reviews projects. Identified by email, which is also their login."""

    name = models.CharField(max_length=255)
    email = models.EmailField(unique=True)
    organisation = models.CharField(max_length=255, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentor_profile",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("organisation"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
