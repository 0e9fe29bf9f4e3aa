"""Admin for the programme team: fellows and mentors, and who may see site history."""

from django import forms
from django.db.models import Count, IntegerField, Value
from django.urls import path

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry as log_action_registry
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from cohorts.models import CohortPage, Fellow, Mentor
from core.admin_views import ProgrammeTeamChooserViewSet
from core.roles import programme_team_only
from core.vocabularies import Place


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
    chooser_viewset_class = ProgrammeTeamChooserViewSet
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
    chooser_viewset_class = ProgrammeTeamChooserViewSet
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


class ProgrammeTeamSiteHistoryView(LogEntriesView):
    """Wagtail's site history report, with every entry in it.

    Wagtail shows each user the entries for pages they can explore; a cohort in Deleted items
    lies outside the programme team's part of the tree, which would hide its deletion from the
    very people who need to see it. Only the programme team reaches this view.
    """

    def get_filtered_queryset(self):
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            entries = self.filter_queryset(
                log_model.objects.values("pk", "timestamp").annotate(
                    log_model_index=Value(index, output_field=IntegerField())
                )
            ).order_by()
            queryset = entries if queryset is None else queryset.union(entries, all=True)
        return queryset.order_by("-timestamp")


# Site history names who did what to every page and record, drafts included: it is for the
# programme team, not for every fellow who can open the admin. fellowship/urls.py routes
# Wagtail's report addresses here first.
site_history_urls = [
    path(
        "site-history/",
        programme_team_only(ProgrammeTeamSiteHistoryView.as_view()),
        name="team_site_history",
    ),
    path(
        "site-history/results/",
        programme_team_only(ProgrammeTeamSiteHistoryView.as_view(results_only=True)),
        name="team_site_history_results",
    ),
]
