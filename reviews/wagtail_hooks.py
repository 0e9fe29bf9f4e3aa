"""Admin hooks: keep other fellows' drafts out of the page chooser, check review actions, and
send reviewers back somewhere they may go."""

import json

from django.shortcuts import redirect
from django.urls import reverse

from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.permissions import policy_registry

# Imported for the hooks they register: the fellow's dashboard panel and banner, the mentor's
# review page, list and editor actions, and the review email settings.
from reviews import (  # noqa: F401
    account,
    fellow_hooks,
    mentor_actions,
    review_list,
    review_views,
)
from reviews.models import REQUEST_CHANGES, MentorReviewTask
from reviews.permissions import without_others_drafts


@hooks.register("construct_page_chooser_queryset")
def hide_others_drafts_in_chooser(pages, request):
    # The explorer is narrowed by reviews.permissions.FellowshipPagePermissionPolicy; the chooser
    # lists pages without consulting it, so it needs the same rule here.
    return without_others_drafts(pages, request.user)


@hooks.register("before_edit_page")
def check_workflow_action_data(request, page):
    """Refuse, with a message, a review action whose extra data is malformed or lacks a reason.

    The editor collects these through a form in a dialogue; this catches hand-made requests that
    would otherwise fail with a server error or request changes without saying why.
    """
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    raw = request.POST.get("workflow-action-extra-data", "{}")
    try:
        extra = json.loads(raw)
    except ValueError:
        extra = None
    problem = None
    if (
        not isinstance(extra, dict)
        or not set(extra) <= {"comment"}
        or not isinstance(extra.get("comment", ""), str)
    ):
        # Only a comment is ever collected; other keys would reach Wagtail's task methods.
        problem = "The review action could not be read. Reload the page and try again."
    else:
        task = page.current_workflow_task
        is_request_changes = request.POST.get("workflow-action-name") == REQUEST_CHANGES
        comment = extra.get("comment")
        if isinstance(task, MentorReviewTask) and is_request_changes:
            if not isinstance(comment, str) or not comment.strip():
                problem = (
                    "Give a reason when you request changes, so the fellows know what to change."
                )
    if problem is None:
        return None
    messages.error(request, problem)
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("after_edit_page")
def send_reviewer_to_their_dashboard(request, page):
    """After a review action in the editor, go to the dashboard if the page's listing is closed.

    Wagtail returns to the parent's page listing, which mentors may not open: they would land on
    "Sorry, you do not have permission" under their success message. The dashboard lists what
    still awaits their review.
    """
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    explorable = policy_registry.get_by_type(Page).explorable_instances(request.user)
    if explorable.filter(pk=page.get_parent().pk).exists():
        return None
    return redirect("wagtailadmin_home")


@hooks.register("register_admin_urls")
def register_review_urls():
    return review_views.urlpatterns
