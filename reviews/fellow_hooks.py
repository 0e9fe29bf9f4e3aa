"""What a fellow sees of the review: "Your projects" on the dashboard, and the mentor's reason
for requesting changes as a banner at the top of the project editor."""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component

from cohorts.permissions import fellow_for
from projects.panels import EditorNotice, register_notice_provider
from projects.permissions import listed_project_ids
from reviews.fellow_projects import change_request, stages_for


class YourProjectsPanel(Component):
    """The fellow's projects on the admin home: stage, next step, who holds it, and a link."""

    name = "your_projects"
    template_name = "reviews/your_projects_panel.html"
    order = 40

    def __init__(self, user, fellow):
        self.user = user
        self.fellow = fellow

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["stages"] = stages_for(self.user)
        if self.fellow.cohort_id:
            context["add_url"] = reverse(
                "wagtailadmin_pages:add", args=["projects", "projectpage", self.fellow.cohort_id]
            )
        return context


@hooks.register("construct_homepage_panels")
def add_your_projects_panel(request, panels):
    fellow = fellow_for(request.user)
    if fellow is not None:
        panels.append(YourProjectsPanel(request.user, fellow))


def changes_requested_notice(page, user):
    """The reason for the changes, for the project's fellows, while the changes are awaited."""
    if page.pk not in listed_project_ids(user):
        return []
    request = change_request(page)
    if request is None:
        return []
    return [
        EditorNotice(
            heading="Changes requested",
            text=request.reason or "No reason was given.",
            byline=f"{request.by} asked for changes on {request.on}:",
        )
    ]


register_notice_provider(changes_requested_notice)
