"""Admin hooks: the programme dashboard's address, its menu item and its panel on the admin home."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component

from core.roles import ProgrammeTeamMenuItem, is_programme_team
from dashboard import views
from dashboard.reports import Dashboard


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [
        path("programme-dashboard/", views.dashboard, name="programme_dashboard"),
        path(
            "programme-dashboard/<slug:table>.csv",
            views.download,
            name="programme_dashboard_csv",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return ProgrammeTeamMenuItem(
        "Programme dashboard",
        reverse("programme_dashboard"),
        name="programme-dashboard",
        icon_name="table",
        order=250,
    )


class ProgrammeDashboardPanel(Component):
    """A line on the admin home for the programme team: reviews waiting, and the way in."""

    name = "programme_dashboard"
    template_name = "dashboard/home_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        waiting = Dashboard().waiting_summary
        context.update(waiting)
        return context


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    if is_programme_team(request.user):
        panels.append(ProgrammeDashboardPanel())
