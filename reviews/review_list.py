"""The dashboard's "Awaiting your review" list, where each draft opens on its review page.

Wagtail's own panel offers "Approve" and "Request changes" from a menu beside each title, so a
reviewer could decide without reading the draft. This one links each title to the review page
(``reviews/review_views.py``), where the decisions are.
"""

from django.conf import settings
from django.urls import reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, TaskState

from reviews.notifications import display_name


class ReviewListPanel(WorkflowObjectsToModeratePanel):
    """What waits for the viewer's review, each with its step, who submitted it and when."""

    template_name = "reviews/home/review_list.html"

    def get_context_data(self, parent_context):
        # Not Wagtail's own: it reads each item's actions and workflow tasks, one query after
        # another, for a menu this list does not show.
        context = Component.get_context_data(self, parent_context)
        context["states"] = []
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return context
        task_states = (
            TaskState.objects.reviewable_by(parent_context["request"].user)
            .select_related(
                "task",
                "revision",
                "workflow_state__requested_by__fellow_profile",
                "workflow_state__requested_by__mentor_profile",
            )
            .prefetch_related("revision__content_object__latest_revision")
            .order_by("-started_at")
        )
        for task_state in task_states:
            obj = task_state.revision.content_object
            if not obj:
                continue
            context["states"].append(
                {
                    "obj": obj,
                    "task_state": task_state,
                    "actions": [],
                    "review_url": reverse("review", args=[obj.pk])
                    if isinstance(obj, Page)
                    else None,
                    "submitted_by": display_name(task_state.workflow_state.requested_by),
                }
            )
        return context


@hooks.register("construct_homepage_panels")
def list_reviews_without_shortcut_decisions(request, panels):
    panels[:] = [
        ReviewListPanel() if type(panel) is WorkflowObjectsToModeratePanel else panel
        for panel in panels
    ]
