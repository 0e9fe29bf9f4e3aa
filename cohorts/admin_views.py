"""Admin listings and forms for fellows and mentors, managed by the programme team."""

from django import forms
from django.db.models import Count

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from cohorts.models import CohortPage, Fellow, Mentor
from projects.vocabularies import Place


class FellowFilterSet(WagtailFilterSet):
    """Narrows the fellows listing to one cohort or one place."""

    cohort = django_filters.ModelChoiceFilter(
        queryset=CohortPage.objects.order_by("-year", "title"),
        empty_label="All cohorts",
        label="Cohort",
    )
    place = django_filters.ChoiceFilter(choices=Place.choices, empty_label="All places")

    class Meta:
        model = Fellow
        fields = ["cohort", "place"]


def _organisation_choices():
    organisations = (
        Mentor.objects.exclude(organisation="")
        .order_by("organisation")
        .values_list("organisation", flat=True)
        .distinct()
    )
    return [(name, name) for name in organisations]


class MentorFilterSet(WagtailFilterSet):
    """Narrows the mentors listing to one organisation."""

    organisation = django_filters.ChoiceFilter(
        choices=_organisation_choices, empty_label="All organisations"
    )

    class Meta:
        model = Mentor
        fields = ["organisation"]


class MentorForm(WagtailAdminModelForm):
    """Compares email addresses without regard to case, as logins do."""

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        clash = Mentor.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"A mentor with the email address {email} already exists.")
        return email


class FellowViewSet(SnippetViewSet):
    """Fellows' public profiles, listed by name with their cohort and place."""

    model = Fellow
    icon = "user"
    menu_label = "Fellows"
    add_to_admin_menu = False
    list_display = ["name", "cohort", "organisation", "place"]
    list_export = ["name", "slug", "cohort", "job_title", "organisation", "place", "email"]
    filterset_class = FellowFilterSet
    # A plain database search: the list is short, and it must find fellows added by an import
    # that bypassed the search index.
    search_backend_name = None
    search_fields = ["name", "organisation", "job_title", "slug"]
    ordering = ["name"]

    def get_queryset(self, request):
        return Fellow.objects.select_related("cohort")


class MentorViewSet(SnippetViewSet):
    """Mentors who review projects, with how many projects each is assigned to."""

    model = Mentor
    icon = "group"
    menu_label = "Mentors"
    add_to_admin_menu = False
    list_display = [
        "name",
        "organisation",
        "email",
        Column("project_count", label="Projects", sort_key="project_count"),
    ]
    list_export = ["name", "email", "organisation"]
    filterset_class = MentorFilterSet
    search_backend_name = None
    search_fields = ["name", "organisation", "email"]
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("email"),
            FieldPanel("organisation"),
            MultiFieldPanel([FieldPanel("user")], heading="Account"),
        ],
        base_form_class=MentorForm,
    )

    def get_queryset(self, request):
        return Mentor.objects.annotate(project_count=Count("projects", distinct=True))
