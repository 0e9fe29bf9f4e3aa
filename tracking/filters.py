"""The tracker's filters (django-filter): stage, mentor, RAG status, overdue and in review."""

from django import forms

from wagtail.admin.filters import WagtailFilterSet

import django_filters

from cohorts.models import Mentor
from core.vocabularies import Status
from projects.models import ProjectPage
from tracking import rag
from tracking.tracker import build_rows


class TrackerFilterSet(WagtailFilterSet):
    """Narrows a cohort's projects; RAG and overdue are read from the tracker's own rows."""

    status = django_filters.ChoiceFilter(label="Stage", choices=Status.choices, empty_label="Any")
    mentor = django_filters.ModelChoiceFilter(
        label="Mentor", field_name="mentors", queryset=Mentor.objects.none(), empty_label="Any"
    )
    rag = django_filters.ChoiceFilter(
        label="RAG status", choices=rag.RAG.choices, method="filter_rag", empty_label="Any"
    )
    overdue = django_filters.BooleanFilter(
        label="Only projects with an overdue milestone",
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    in_review = django_filters.BooleanFilter(
        label="Only projects in review", method="filter_in_review", widget=forms.CheckboxInput
    )

    class Meta:
        model = ProjectPage
        fields = []

    def __init__(self, *args, cohort=None, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        if cohort is not None:
            # Only the mentors of this cohort's projects are worth offering.
            self.filters["mentor"].queryset = Mentor.objects.filter(
                projects__in=ProjectPage.objects.child_of(cohort)
            ).distinct()

    def _rows(self, queryset):
        return build_rows(queryset, now=self.now)

    def _keep(self, queryset, test):
        return queryset.filter(pk__in=[row.pk for row in self._rows(queryset) if test(row)])

    def filter_rag(self, queryset, name, value):
        return self._keep(queryset, lambda row: row.rag.rag == value) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return self._keep(queryset, lambda row: row.overdue) if value else queryset

    def filter_in_review(self, queryset, name, value):
        return self._keep(queryset, lambda row: row.review_task) if value else queryset
