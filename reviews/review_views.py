"""The review page: one draft, as readers will see it, with the reviewer's two decisions.

A mentor (or the programme team at sign-off) opens it from her review list. It shows the draft
framed as the public will see it (content note first), what changed since the last review as
Wagtail's revision comparison, the open comments beside the text, and "Approve" and "Request
changes". Deciding here takes the reviewer back to her review list with a plain confirmation.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.models import Comment, Page, TaskState

from reviews import outcomes
from reviews.changes import changes_between
from reviews.models import APPROVE, REQUEST_CHANGES, RequestChangesForm
from reviews.notifications import display_name, project_fellow_names

DECISIONS = (APPROVE, REQUEST_CHANGES)


class ApproveForm(forms.Form):
    """An approval, with a comment for the fellows if the reviewer has one."""

    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The fellows receive this with the news of your approval.",
    )


def _review_or_refusal(request, page_id):
    """The page and its task state in progress, if ``request.user`` may decide on it now."""
    page = get_object_or_404(Page, pk=page_id).specific
    task_state = page.current_workflow_task_state
    if task_state is None:
        messages.success(request, f"“{page.get_admin_display_title()}” is not waiting for review.")
        return page, None, redirect("wagtailadmin_home")
    task_state = task_state.specific
    if not task_state.task.specific.get_actions(page, request.user):
        return page, None, permission_denied(request)
    return page, task_state, None


def last_reviewed_revision(page, task_state):
    """The revision the same step last decided on, for "what changed since the last review"."""
    earlier = (
        TaskState.objects.filter(
            workflow_state__object_id=str(page.pk),
            workflow_state__base_content_type=page.get_base_content_type(),
            task_id=task_state.task_id,
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        )
        .exclude(pk=task_state.pk)
        .order_by("-finished_at", "-pk")
        .first()
    )
    return earlier.revision if earlier else None


def changes_url(page, old_revision, new_revision):
    if old_revision is None or new_revision is None or old_revision.pk == new_revision.pk:
        return None
    return reverse("review_changes", args=[page.pk, old_revision.pk, new_revision.pk])


def open_comments(page):
    return (
        Comment.objects.filter(page=page, resolved_at__isnull=True)
        .select_related("user")
        .prefetch_related("replies__user")
        .order_by("created_at")
    )


def _context(request, page, task_state, approve_form=None, changes_form=None):
    workflow_state = task_state.workflow_state
    draft = page.get_latest_revision_as_object()
    last_reviewed = last_reviewed_revision(page, task_state)
    url_of_changes = changes_url(page, last_reviewed, page.latest_revision)
    comments = [
        {
            "author": display_name(comment.user),
            "where": comment.contentpath.split(".")[0].replace("_", " ").capitalize(),
            "text": comment.text,
            "replies": [(display_name(r.user), r.text) for r in comment.replies.all()],
        }
        for comment in open_comments(page)
    ]
    return {
        "page": page,
        "draft": draft,
        "title": draft.get_admin_display_title(),
        "task_state": task_state,
        "task": task_state.task.specific,
        "submitted_by": display_name(workflow_state.requested_by),
        "fellow_names": project_fellow_names(page),
        "content_note": getattr(draft, "content_note", ""),
        "last_reviewed": last_reviewed,
        "changes_url": url_of_changes,
        "changes": (
            changes_between(page, last_reviewed, page.latest_revision, request)
            if url_of_changes
            else []
        ),
        "comments": comments,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "preview_url": reverse("review_preview", args=[page.pk]),
        "approve_label": "Publish" if workflow_state.is_at_final_task else "Approve",
        "approve_form": approve_form or ApproveForm(prefix=APPROVE),
        "changes_form": changes_form or RequestChangesForm(prefix=REQUEST_CHANGES),
    }


@require_http_methods(["GET", "POST"])
def review(request, page_id):
    """Show the draft for review; on POST, approve it or request changes (with a reason)."""
    page, task_state, refusal = _review_or_refusal(request, page_id)
    if refusal is not None:
        return refusal
    approve_form = changes_form = None
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in DECISIONS:
            messages.error(request, "Choose “Approve” or “Request changes”.")
            return redirect("review", page.pk)
        if decision == APPROVE:
            form = approve_form = ApproveForm(request.POST, prefix=APPROVE)
        else:
            form = changes_form = RequestChangesForm(request.POST, prefix=REQUEST_CHANGES)
        if form.is_valid():
            task_state.task.specific.on_action(
                task_state, request.user, decision, comment=form.cleaned_data["comment"]
            )
            task_state.refresh_from_db()
            outcomes.confirm(request, task_state)
            return redirect("wagtailadmin_home")
    context = _context(request, page, task_state, approve_form, changes_form)
    return TemplateResponse(request, "reviews/review.html", context)


def preview(request, page_id):
    """The latest draft rendered as its public page, for the review page's frame."""
    page, task_state, refusal = _review_or_refusal(request, page_id)
    if refusal is not None:
        return refusal
    draft = page.get_latest_revision_as_object()
    # The project's own "Continue to the project" link adds ?continue=1 to this address; the
    # made-up request Wagtail previews with must carry it for the page to show what follows.
    query = QueryDict(mutable=True)
    query.update(request.GET)
    response = draft.make_preview_request(
        request, draft.default_preview_mode, extra_request_attrs={"GET": query}
    )
    # Framed by the review page only, never by anyone else.
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


class ReviewChangesView(RevisionsCompareView):
    """Wagtail's comparison of two revisions, for whoever may decide on the draft's current step.

    Mentors hold no page permissions (the review task opens the editor to them), so Wagtail's own
    comparison view, which asks for one, would turn them away.
    """

    history_url_name = None

    def setup(self, request, page_id, revision_id_a, revision_id_b, *args, **kwargs):
        super().setup(request, page_id, revision_id_a, revision_id_b, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        # Past the page-permission check of Wagtail's view: get_object has checked the reviewer.
        return TemplateView.dispatch(self, request, *args, **kwargs)

    def get_object(self, queryset=None):
        page = get_object_or_404(Page, pk=self.pk).specific
        task = page.current_workflow_task
        if task is None or not task.get_actions(page, self.request.user):
            raise PermissionDenied
        return page

    def get_breadcrumbs_items(self):
        # The explorer's crumbs would lead a mentor to listings she may not open.
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Dashboard"},
            {"url": reverse("review", args=[self.object.pk]), "label": "Review"},
            {"url": "", "label": "Changes", "sublabel": self.get_page_subtitle()},
        ]


urlpatterns = [
    path("reviews/<int:page_id>/", review, name="review"),
    path("reviews/<int:page_id>/preview/", preview, name="review_preview"),
    # The same revision names as Wagtail's own comparison ("live", "earliest", "latest" or an id).
    re_path(
        r"^reviews/(?P<page_id>\d+)/changes/(?P<revision_id_a>live|earliest|\d+)\.\.\."
        r"(?P<revision_id_b>live|latest|\d+)/$",
        ReviewChangesView.as_view(),
        name="review_changes",
    ),
]
