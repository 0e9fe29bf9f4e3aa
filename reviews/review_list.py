"""The dashboard's "Awaiting your review" list, where each draft opens on its review page.

Wagtail's own panel offers "Approve" and "Request changes" from a menu beside each title, so a
reviewer could decide without reading the draft. This one links each title to the review page
(``reviews/review_views.py``), where the decisions are.
"""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page

from reviews.notifications import display_name


class ReviewListPanel(WorkflowObjectsToModeratePanel):
    """What waits for the viewer's review, each with its step, who submitted it and when."""

    template_name = "reviews/home/review_list.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            obj = state["obj"]
            state["actions"] = []
            if isinstance(obj, Page):
                state["review_url"] = reverse("review", args=[obj.pk])
            state["submitted_by"] = display_name(state["task_state"].workflow_state.requested_by)
        return context


@hooks.register("construct_homepage_panels")
def list_reviews_without_shortcut_decisions(request, panels):
    panels[:] = [
        ReviewListPanel() if type(panel) is WorkflowObjectsToModeratePanel else panel
        for panel in panels
    ]
