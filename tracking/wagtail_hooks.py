"""Admin hooks: the tracker's addresses and menu item, the milestone templates, and a panel on the
admin home showing fellows and mentors their projects' milestones, overdue ones first."""

from django.urls import path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_views import ProgrammeTeamChooserViewSet
from core.roles import ProgrammeTeamMenuItem, ProgrammeTeamPermissionPolicy, is_programme_team
from tracking import permissions, views
from tracking.models import Milestone, MilestoneTemplate

# Before the viewset is registered, which would give the model Wagtail's default policy.
register_permission_policy(MilestoneTemplate, ProgrammeTeamPermissionPolicy(MilestoneTemplate))


class MilestoneTemplateViewSet(SnippetViewSet):
    """Each cohort's milestones, which its projects get when they are created."""

    model = MilestoneTemplate
    chooser_viewset_class = ProgrammeTeamChooserViewSet
    icon = "calendar-alt"
    menu_label = "Milestone templates"
    menu_order = 255
    add_to_admin_menu = True
    list_display = ["name", "due_date", "cohort"]
    list_filter = ["cohort"]
    ordering = ["cohort", "due_date", "name"]
    copy_view_enabled = False


register_snippet(MilestoneTemplateViewSet)


@hooks.register("register_admin_urls")
def register_tracking_urls():
    return [
        path("tracker/", views.TrackerIndexView.as_view(), name="tracker_index"),
        path("tracker/<int:cohort_id>/", views.TrackerView.as_view(), name="tracker"),
        path(
            "tracking/projects/<int:page_id>/",
            views.ProjectTrackingView.as_view(),
            name="project_tracking",
        ),
        path(
            "tracking/projects/<int:page_id>/check-ins/add/",
            views.CheckInCreateView.as_view(),
            name="check_in_add",
        ),
        path(
            "tracking/projects/<int:page_id>/milestones/",
            views.MilestonesAdjustView.as_view(),
            name="milestones_adjust",
        ),
        path(
            "tracking/milestones/<int:milestone_id>/done/",
            views.MilestoneDoneView.as_view(),
            name="milestone_done",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_tracker_menu_item():
    return ProgrammeTeamMenuItem(
        "Tracker", reverse("tracker_index"), name="tracker", icon_name="tasks", order=252
    )


class MyMilestonesPanel(Component):
    """The signed-in fellow's or mentor's projects, each with its next and overdue milestones."""

    name = "my_milestones"
    template_name = "tracking/home_panel.html"
    order = 60

    def __init__(self, projects):
        self.projects = projects

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        milestones = Milestone.objects.filter(project__in=self.projects, done_on__isnull=True)
        entries = []
        for project in self.projects:
            own = [m for m in milestones if m.project_id == project.pk]
            entries.append(
                {
                    "project": project,
                    "title": project.get_admin_display_title(),
                    "overdue": [m for m in own if m.days_overdue(today)],
                    "next": next((m for m in own if not m.days_overdue(today)), None),
                }
            )
        entries.sort(key=lambda e: (not e["overdue"], e["title"].casefold()))
        context["entries"] = entries
        return context


@hooks.register("construct_homepage_panels")
def add_my_milestones_panel(request, panels):
    if is_programme_team(request.user):
        return
    projects = list(permissions.projects_of(request.user).order_by("title"))
    if projects:
        panels.append(MyMilestonesPanel(projects))
