"""Admin views: the programme team's tracker, and each project's milestones and check-ins.

The tracker and the adjusting of milestones are the programme team's (``ProgrammeTeamOnlyMixin``);
a project's own page is open to its fellows and mentors too, and every action on it asks
``tracking.permissions`` on the server, whatever the page showed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.models import CohortPage
from core.pages import in_a_site
from core.roles import ProgrammeTeamOnlyMixin
from projects.models import ProjectPage
from tracking import exports, permissions, rag
from tracking.filters import TrackerFilterSet
from tracking.forms import CheckInForm, MilestoneDoneForm, MilestoneFormSet
from tracking.models import Milestone
from tracking.tracker import DEFAULT_SORT, SORTS, build_rows, export_table, sort_rows


class TrackerIndexView(ProgrammeTeamOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every cohort, newest first, each with the way into its tracker."""

    template_name = "tracking/tracker_index.html"
    page_title = "Tracker"
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        cohorts = list(in_a_site(CohortPage.objects.all()).order_by("-year", "title"))
        for cohort in cohorts:
            cohort.project_count = ProjectPage.objects.child_of(cohort).count()
        return super().get_context_data(cohorts=cohorts, **kwargs)


class TrackerView(ProgrammeTeamOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """One cohort's projects with their stage, next milestone, review wait, last check-in and RAG.

    Sorted by ``?sort=`` (a column name, ``-`` before it for descending), filtered by
    ``TrackerFilterSet``, downloaded with ``?export=csv`` or ``?export=xlsx``.
    """

    model = CohortPage
    template_name = "tracking/tracker.html"
    header_icon = "tasks"

    def dispatch(self, request, cohort_id):
        refused = self.refusal(request)
        if refused:
            return refused
        self.cohort = get_object_or_404(CohortPage, pk=cohort_id)
        self.now = timezone.now()
        self.filters = TrackerFilterSet(
            request.GET or None,
            queryset=ProjectPage.objects.child_of(self.cohort).order_by("title"),
            cohort=self.cohort,
            now=self.now,
        )
        self.sort = request.GET.get("sort", DEFAULT_SORT)
        if self.sort.lstrip("-") not in SORTS:
            self.sort = DEFAULT_SORT
        return super().dispatch(request)

    def get_page_title(self):
        return f"Tracker: {self.cohort.title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("tracker_index"), "label": "Tracker"},
            {"url": "", "label": self.cohort.title},
        ]

    def rows(self):
        # An invalid filter (a mentor id that is not offered) shows every project, as Wagtail's
        # listings do, with the form saying what was wrong.
        queryset = self.filters.qs if self.filters.is_valid() else self.filters.queryset
        return sort_rows(build_rows(queryset, now=self.now), self.sort)

    def get(self, request):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            headers, table = export_table(self.rows())
            name = f"tracker-{slugify(self.cohort.slug)}-{timezone.localdate(self.now)}"
            if export == "csv":
                return exports.csv_response(name, headers, table)
            return exports.xlsx_response(name, headers, table)
        return super().get(request)

    def sort_links(self):
        """Each sortable column's label, its link (the other way when it is the current one)
        and its ``aria-sort`` value."""
        query = self.request.GET.copy()
        query.pop("export", None)
        links = {}
        current = self.sort.lstrip("-")
        descending = self.sort.startswith("-")
        for key, (label, _by) in SORTS.items():
            query["sort"] = f"-{key}" if key == current and not descending else key
            aria = ""
            if key == current:
                aria = "descending" if descending else "ascending"
            links[key] = {"label": label, "url": "?" + query.urlencode(), "aria_sort": aria}
        return links

    def export_url(self, kind):
        query = self.request.GET.copy()
        query["export"] = kind
        return "?" + query.urlencode()

    def get_context_data(self, **kwargs):
        rows = self.rows()
        counts = {choice: 0 for choice in rag.RAG.values}
        for row in rows:
            counts[row.rag.rag] += 1
        return super().get_context_data(
            cohort=self.cohort,
            rows=rows,
            filters=self.filters,
            sorts=self.sort_links(),
            rule=rag.RULE,
            rule_note=rag.RULE_NOTE,
            counts=[(rag.RAG(key).label, n) for key, n in counts.items()],
            today=timezone.localdate(self.now),
            csv_url=self.export_url("csv"),
            xlsx_url=self.export_url("xlsx"),
            **kwargs,
        )


class ProjectMixin(WagtailAdminTemplateMixin):
    """Finds the project named in the address and refuses anyone not among ``allowed``."""

    allowed = (permissions.TEAM, permissions.FELLOW, permissions.MENTOR)
    header_icon = "calendar-check"

    def dispatch(self, request, page_id, **kwargs):
        self.project = get_object_or_404(ProjectPage, pk=page_id)
        self.relation = permissions.require_relation(request.user, self.project, self.allowed)
        return super().dispatch(request, **kwargs)

    @property
    def project_title(self):
        return self.project.get_admin_display_title()

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.relation == permissions.TEAM:
            cohort = self.project.get_parent()
            items.append({"url": reverse("tracker", args=[cohort.pk]), "label": cohort.title})
        items.append(
            {
                "url": reverse("project_tracking", args=[self.project.pk]),
                "label": self.project_title,
            }
        )
        return items

    def back_to_project(self):
        return redirect("project_tracking", self.project.pk)


class ProjectTrackingView(ProjectMixin, TemplateView):
    """A project's milestones (overdue ones marked) and its mentors' check-ins."""

    template_name = "tracking/project.html"

    def get_page_title(self):
        return f"Milestones and check-ins: {self.project_title}"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items()[:-1] + [{"url": "", "label": self.project_title}]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        milestones = list(self.project.milestones.all())
        for milestone in milestones:
            milestone.overdue_by = milestone.days_overdue(today)
        return super().get_context_data(
            project=self.project,
            milestones=milestones,
            overdue=[m for m in milestones if m.overdue_by],
            check_ins=self.project.check_ins.select_related("recorded_by"),
            can_mark_done=permissions.can_mark_done(self.relation),
            can_record_check_in=permissions.can_record_check_in(self.relation),
            can_adjust=permissions.can_adjust(self.relation),
            **kwargs,
        )


class MilestoneDoneView(WagtailAdminTemplateMixin, TemplateView):
    """Mark one milestone done with a short note (or, with ``undo``, not done after all)."""

    template_name = "tracking/milestone_done.html"
    header_icon = "calendar-check"

    def dispatch(self, request, milestone_id):
        self.milestone = get_object_or_404(
            Milestone.objects.select_related("project"), pk=milestone_id
        )
        self.project = self.milestone.project
        relation = permissions.require_relation(
            request.user, self.project, (permissions.TEAM, permissions.FELLOW)
        )
        if not permissions.can_mark_done(relation):
            raise PermissionDenied("Only the project's fellows can mark its milestones done.")
        self.form = MilestoneDoneForm(request.POST if request.method == "POST" else None)
        return super().dispatch(request)

    def get_page_title(self):
        return f"Mark “{self.milestone.name}” done"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            milestone=self.milestone, project=self.project, form=self.form, **kwargs
        )

    def post(self, request):
        if request.POST.get("undo"):
            self.milestone.done_on, self.milestone.note, self.milestone.done_by = None, "", None
            self.milestone.save(update_fields=["done_on", "note", "done_by"])
            messages.success(request, f"“{self.milestone.name}” is no longer marked done.")
            return redirect("project_tracking", self.project.pk)
        if not self.form.is_valid():
            return self.get(request)
        self.milestone.done_on = self.form.cleaned_data["done_on"]
        self.milestone.note = self.form.cleaned_data["note"].strip()
        self.milestone.done_by = request.user
        self.milestone.save(update_fields=["done_on", "note", "done_by"])
        messages.success(request, f"“{self.milestone.name}” marked done.")
        return redirect("project_tracking", self.project.pk)


class CheckInCreateView(ProjectMixin, TemplateView):
    """A mentor (or the programme team) records a check-in with the project's fellows."""

    template_name = "tracking/check_in_form.html"
    allowed = (permissions.TEAM, permissions.MENTOR)

    def get_page_title(self):
        return "Record a check-in"

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or CheckInForm()
        return super().get_context_data(project=self.project, form=form, **kwargs)

    def post(self, request):
        form = CheckInForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        check_in = form.save(commit=False)
        check_in.project = self.project
        check_in.recorded_by = request.user
        check_in.save()
        messages.success(request, "Check-in recorded.")
        return self.back_to_project()


class MilestonesAdjustView(ProgrammeTeamOnlyMixin, ProjectMixin, TemplateView):
    """The programme team moves, renames, adds or removes one project's milestones."""

    model = ProjectPage
    template_name = "tracking/milestones_adjust.html"
    allowed = (permissions.TEAM,)

    def get_page_title(self):
        return "Adjust milestones"

    def formset(self, data=None):
        return MilestoneFormSet(data, queryset=self.project.milestones.all(), prefix="milestones")

    def get_context_data(self, **kwargs):
        formset = kwargs.pop("formset", None) or self.formset()
        return super().get_context_data(project=self.project, formset=formset, **kwargs)

    def post(self, request):
        formset = self.formset(request.POST)
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        for milestone in formset.save(commit=False):
            milestone.project = self.project
            milestone.save()
        for milestone in formset.deleted_objects:
            milestone.delete()
        messages.success(request, "Milestones saved.")
        return self.back_to_project()
