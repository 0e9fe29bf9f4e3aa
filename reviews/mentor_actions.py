"""The editor's action menu and messages for reviewers: mentors and the programme team.

While a project waits on a reviewer, her main button is her decision, not "Save draft":
"Approve" for a mentor, "Publish" for the programme team at sign-off, with "Request changes" next.
A mentor is never offered "Cancel workflow" (withdrawing a submission is for its fellows and the
programme team), and the server refuses it from her too. After a decision taken in the editor,
the message says what happened ("published", with the live page) instead of "updated".

Menus of people who cannot act on the current step (fellows, for one) are left untouched.
"""

from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import (
    CancelWorkflowMenuItem,
    PublishMenuItem,
    RestartWorkflowMenuItem,
    SubmitForModerationMenuItem,
    UnpublishMenuItem,
    WorkflowMenuItem,
)

from core.roles import is_programme_team
from projects.permissions import listed_project_ids
from reviews import outcomes
from reviews.models import APPROVE, REQUEST_CHANGES

# Left out of a mentor's menu: she decides, or saves her comments with "Save draft".
MENTOR_MENU_LEFT_OUT = (
    CancelWorkflowMenuItem,
    RestartWorkflowMenuItem,
    PublishMenuItem,
    UnpublishMenuItem,
    SubmitForModerationMenuItem,
)


def is_mentor_reviewer(user, page):
    """A reviewer who is neither the programme team nor one of the project's fellows."""
    return not is_programme_team(user) and page.pk not in listed_project_ids(user)


def _decision_order(item):
    if item.name == APPROVE and not item.launch_modal:
        return 0
    if item.name == REQUEST_CHANGES:
        return 1
    return 2


@hooks.register("construct_page_action_menu")
def put_the_reviewers_decision_first(menu_items, request, context):
    page = context.get("page")
    if context.get("view") != "edit" or page is None:
        return
    decisions = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    if not decisions:
        return
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.is_at_final_task:
        # At sign-off approving publishes: one "Publish", not also Wagtail's own beside it.
        for item in decisions:
            if item.name == APPROVE:
                item.label = "Publish with comment" if item.launch_modal else "Publish"
        menu_items[:] = [item for item in menu_items if not isinstance(item, PublishMenuItem)]
    rest = [item for item in menu_items if not isinstance(item, WorkflowMenuItem)]
    if is_mentor_reviewer(request.user, page):
        rest = [item for item in rest if not isinstance(item, MENTOR_MENU_LEFT_OUT)]
    menu_items[:] = sorted(decisions, key=_decision_order) + rest


@hooks.register("before_edit_page")
def refuse_cancelling_a_review_to_mentors(request, page):
    """Wagtail lets anyone who can open the editor during a task cancel the workflow."""
    if request.method != "POST":
        return None
    if not (
        request.POST.get("action-cancel-workflow") or request.POST.get("action-restart-workflow")
    ):
        return None
    if not is_mentor_reviewer(request.user, page):
        return None
    messages.error(
        request,
        "Only the project's fellows or the programme team can withdraw it from review. "
        "Approve it or request changes instead.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


# Ahead of the hook that sends a mentor to her dashboard, which ends the chain.
@hooks.register("after_edit_page", order=-10)
def say_what_the_decision_did(request, page):
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    decided = outcomes.last_decision(page, request.user)
    if decided is not None:
        outcomes.replace_success_messages(request, decided)
    return None
