"""Admin hooks: the impact page and its downloads, follow-up review, and the export's log entry."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.roles import ProgrammeTeamMenuItem
from impact import admin_views
from impact.evaluation import LOG_ACTION
from impact.models import FollowUp

register_permission_policy(FollowUp, admin_views.FOLLOW_UP_POLICY)
register_snippet(admin_views.FollowUpViewSet)


@hooks.register("register_admin_urls")
def register_impact_urls():
    return [
        path("impact/", admin_views.impact_page, name="impact_page"),
        path("impact/publish/", admin_views.publish_figures, name="impact_publish"),
        path("impact/evaluation.xlsx", admin_views.evaluation_download, name="impact_evaluation"),
        path("impact/<slug:slug>.csv", admin_views.impact_csv, name="impact_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_impact_menu_item():
    return ProgrammeTeamMenuItem(
        "Impact", reverse("impact_page"), name="impact", icon_name="pick", order=260
    )


@hooks.register("register_log_actions")
def register_export_log_action(actions):
    actions.register_action(
        LOG_ACTION,
        "Evaluation export naming fellows",
        "Exported the evaluation data with fellows' names and emails",
    )
