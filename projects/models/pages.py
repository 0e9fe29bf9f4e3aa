"""The project page: a fellow's ATR project, its write-up and its findings."""

from django.core.validators import URLValidator
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from core.vocabularies import Place, Status
from projects.blocks import WriteUpBlock
from projects.content_notes import content_note_context
from projects.fields import PlacesField
from projects.forms import ProjectPageForm
from projects.models.themes import ProjectPageTheme
from projects.panels import ChecklistPanel, EditorNoticesPanel, EditorSectionsPanel
from projects.permissions import ProjectPagePermissionTester
from projects.serializers import FellowSerializer, ThemeSerializer
from projects.widgets import PeoplePicker, ThemeWidget

THEMES_HELP = (
    "Start typing to see themes others have used, such as 'Belonging', and choose one; or add "
    "your own. Press Enter or type a comma after each theme."
)


class ProjectPage(RoutablePageMixin, Page):
    """An Adversity, Trauma and Resilience project, written by its fellows and reviewed by mentors."""

    summary = models.TextField(
        max_length=600,
        help_text="In up to 600 characters, say what the project looked at and why. Imagine telling "
        "a colleague from another service: short sentences and everyday words work best.",
    )
    fellows = ParentalManyToManyField(
        "cohorts.Fellow",
        related_name="projects",
        blank=False,
        help_text="Everyone in your cohort who worked on this project, including you.",
    )
    mentors = ParentalManyToManyField(
        "cohorts.Mentor",
        related_name="projects",
        blank=True,
        help_text="The mentor or mentors who will read this project before it is published. Only "
        "they can approve it.",
    )
    places = PlacesField(
        blank=True,
        help_text="Where in West Yorkshire the project took place. Tick all that apply.",
    )
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.PROPOSED,
        help_text="Where the project is now. Change it as the project moves on.",
    )
    start_date = models.DateField(
        null=True, blank=True, help_text="Optional. When the project began."
    )
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text="Optional. When the project finished, or when you expect it to finish.",
    )
    themes = ClusterTaggableManager(
        through=ProjectPageTheme,
        blank=True,
        help_text="Start typing to see themes others have used, such as 'Belonging', or add your "
        "own. Separate themes with commas.",
    )
    content_note = models.CharField(
        max_length=255,
        blank=True,
        help_text="If the project discusses abuse, self-harm, violence, neglect or other distressing "
        "subjects, say so here, e.g. 'Discusses childhood neglect'. Readers see this first and can "
        "choose whether to continue. Leave it empty if the project has nothing like this.",
    )
    body = StreamField(
        WriteUpBlock(),
        blank=True,
        verbose_name="write-up",
        help_text="Tell the story of the project in sections, such as 'What we did' and 'What we "
        "learned'. You can add quotes, images, recordings and documents such as slides.",
    )
    mentor_notes = models.TextField(
        blank=True,
        help_text="Private notes between fellows, mentors and the programme team. Never shown on the "
        "public site or in search.",
    )

    parent_page_types = ["cohorts.CohortPage"]
    subpage_types = []
    base_form_class = ProjectPageForm

    content_panels = [
        EditorNoticesPanel(heading="Notices"),
        ChecklistPanel(heading="Before you submit"),
        EditorSectionsPanel(heading="More about this draft"),
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("fellows", widget=PeoplePicker),
                FieldPanel("mentors", widget=PeoplePicker),
                FieldPanel("places"),
            ],
            heading="People and places",
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading="Progress",
        ),
        FieldPanel("themes", heading="Themes", widget=ThemeWidget, help_text=THEMES_HELP),
        FieldPanel("content_note"),
        FieldPanel("body"),
        InlinePanel("findings", heading="Findings", label="Finding", min_num=0),
        InlinePanel("links", heading="Links", label="Link"),
    ]
    private_panels = [FieldPanel("mentor_notes")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(private_panels, heading="Private notes"),
            ObjectList(Page.promote_panels, heading="Promote"),
            # Page.settings_panels carries the comments panel: without it reviewers cannot comment.
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    # Editor-only fields (mentor_notes) are deliberately absent.
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("status"),
        index.RelatedFields("themes", [index.SearchField("name", boost=2)]),
        index.RelatedFields(
            "findings",
            [
                index.SearchField("headline", boost=2),
                index.SearchField("detail"),
                index.SearchField("recommendation"),
            ],
        ),
    ]

    # What the public API shows; mentor notes and mentors (with their emails) are left out.
    api_fields = [
        APIField("summary"),
        APIField("status"),
        APIField("places"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("content_note"),
        APIField("fellows", serializer=FellowSerializer(many=True)),
        APIField("themes", serializer=ThemeSerializer(many=True)),
        APIField("body"),
        APIField("findings"),
        APIField("links"),
    ]

    class Meta:
        verbose_name = "project"

    def permissions_for_user(self, user):
        return ProjectPagePermissionTester(user, self)

    @cached_property
    def cohort(self):
        return self.get_parent().specific

    @property
    def place_labels(self):
        labels = dict(Place.choices)
        return [labels.get(p, p) for p in self.places or []]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["findings"] = self.findings.all().prefetch_related("themes")
        context["fellows_list"] = self.fellows.all()
        context.update(content_note_context(request, self))
        return context

    @path("")
    def project(self, request):
        return self.render(request)

    @path("findings/<str:key>/")
    def finding(self, request, key):
        finding = next((f for f in self.findings.all() if f.key == key), None)
        if finding is None:
            raise Http404("No finding with that address on this project.")
        return self.render(
            request,
            context_overrides={"finding": finding},
            template="projects/finding_page.html",
        )


class ProjectLink(Orderable):
    """A link from a project to material elsewhere (http or https only)."""

    page = ParentalKey(ProjectPage, related_name="links", on_delete=models.CASCADE)
    title = models.CharField(
        max_length=255, help_text="What the link is, e.g. 'Final report' or 'Slides from our talk'."
    )
    url = models.URLField(
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="A web address starting with https:// or http://.",
    )

    panels = [FieldPanel("title"), FieldPanel("url")]
    api_fields = [APIField("title"), APIField("url")]

    def __str__(self):
        return self.title
