"""Template tags for the editor's status panel: who asked for changes, and who can edit."""

from django import template

from wagtail.models import WorkflowState

from core.roles import is_programme_team
from projects.models import ProjectPage
from reviews.fellow_projects import change_request

register = template.Library()


@register.simple_tag
def changes_requested_by(workflow_state):
    """The person who asked for changes, when ``workflow_state`` is waiting for them, else ""."""
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return ""
    page = workflow_state.content_object
    request = change_request(getattr(page, "specific", page))
    return request.by if request else ""


@register.simple_tag
def who_can_edit(page, user):
    """Who may edit a project, in words that are true for fellows and mentors, else ""."""
    page = getattr(page, "specific", page)
    if not isinstance(page, ProjectPage) or not page.pk or user is None:
        return ""
    if is_programme_team(user):
        return ""
    # While the project is in review Wagtail's own "Locked by workflow" is shown instead.
    return "Only the fellows on this project and the programme team can edit it."
