"""The mentor review step of the project workflow."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import reverse

from wagtail.models import Page, Task, TaskState

from core.roles import PROGRAMME_TEAM, is_programme_team
from projects.models import ProjectPage
from projects.permissions import mentored_project_ids

REQUEST_CHANGES = "reject"
APPROVE = "approve"


class RequestChangesForm(forms.Form):
    """The reason a reviewer gives when asking the fellows for changes: it cannot be left blank."""

    comment = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Tell the fellows what to change and why. They receive this by email.",
        error_messages={"required": "Give a reason so that the fellows know what to change."},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError("Give a reason so that the fellows know what to change.")
        return comment


def _mentor_links():
    """Saved project-mentor rows whose mentor can sign in: only these mentors can review."""
    return ProjectPage.mentors.through.objects.filter(
        mentor__user__isnull=False, mentor__user__is_active=True
    )


def _as_object_ids(queryset, field):
    """Page ids as the strings WorkflowState.object_id stores."""
    return queryset.annotate(object_id=Cast(field, output_field=CharField())).values("object_id")


class MentorReviewTask(Task):
    """A review by the mentors assigned to the project: only they can approve or ask for changes.

    While the project waits on this task its assigned mentors can open the editor to leave
    comments; the fellows see it locked, and only the programme team may still edit it. A page with no mentor assigned (a cohort page, or a
    project still waiting for one) is reviewed by the programme team instead, so nothing is stuck.
    """

    def reviewers(self, page):
        """The users who can action this task on ``page``: its mentors, else the programme team."""
        users = get_user_model().objects.filter(is_active=True)
        mentor_user_ids = _mentor_links().filter(projectpage_id=page.pk).values("mentor__user")
        if mentor_user_ids.exists():
            return users.filter(pk__in=mentor_user_ids)
        return users.filter(groups__name=PROGRAMME_TEAM).distinct()

    def has_assigned_mentors(self, page):
        return _mentor_links().filter(projectpage_id=page.pk).exists()

    def user_can_review(self, page, user):
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        if self.has_assigned_mentors(page):
            return page.pk in mentored_project_ids(user)
        return is_programme_team(user)

    def user_can_access_editor(self, obj, user):
        return self.user_can_review(obj, user)

    def locked_for_user(self, obj, user):
        # The programme team stays able to edit (to reassign a mentor, say) but not to act.
        return not (self.user_can_review(obj, user) or is_programme_team(user))

    def user_can_lock(self, obj, user):
        return False

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.user_can_review(obj, user):
            return []
        return [
            (REQUEST_CHANGES, "Request changes", True),
            (APPROVE, "Approve", False),
            (APPROVE, "Approve with comment", True),
        ]

    def get_form_for_action(self, action):
        if action == REQUEST_CHANGES:
            return RequestChangesForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        # The action URL names a page and a task state separately; check against the task
        # state's own page so that reviewing one project grants nothing on another.
        page = Page.objects.get(pk=task_state.workflow_state.object_id)
        if action_name not in (APPROVE, REQUEST_CHANGES) or not self.user_can_review(page, user):
            raise PermissionDenied
        # Only the comment is taken from the request: other keys would reach TaskState methods.
        comment = kwargs.get("comment")
        comment = comment.strip() if isinstance(comment, str) else ""
        if action_name == REQUEST_CHANGES:
            if not comment:
                raise PermissionDenied("A reason is needed to request changes.")
            task_state.reject(user=user, comment=comment)
        else:
            task_state.approve(user=user, comment=comment)
        # Wagtail would send the reviewer on to the cohort's page listing, which only the
        # programme team may open: mentors go back to their dashboard and its review list.
        if not is_programme_team(user):
            return reverse("wagtailadmin_home")
        return None

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if not user.is_authenticated or not user.is_active:
            return TaskState.objects.none()
        if user.is_superuser:
            return in_progress
        mine = _mentor_links().filter(mentor__user=user)
        reviewable = Q(workflow_state__object_id__in=_as_object_ids(mine, "projectpage_id"))
        if is_programme_team(user):
            reviewable |= ~Q(
                workflow_state__object_id__in=_as_object_ids(_mentor_links(), "projectpage_id")
            )
        return in_progress.filter(reviewable)

    @classmethod
    def get_description(cls):
        return (
            "The mentors assigned to the project approve it or request changes. "
            "Pages with no mentor assigned are reviewed by the programme team."
        )

    class Meta:
        verbose_name = "mentor review task"
        verbose_name_plural = "mentor review tasks"


class ReviewEmailSettings(models.Model):
    """How a person's review emails reach them: each as it happens, or one digest a day."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_email_settings"
    )
    daily_digest = models.BooleanField(
        "Send my review emails as one daily digest",
        default=False,
        help_text="Useful when you mentor several fellows: one email a day lists every project "
        "that moved, instead of an email for each.",
    )

    class Meta:
        verbose_name = "review email settings"
        verbose_name_plural = "review email settings"

    def __str__(self):
        return f"Review emails for {self.user}"


def wants_daily_digest(user):
    return ReviewEmailSettings.objects.filter(user=user, daily_digest=True).exists()


class HeldReviewEmail(models.Model):
    """One review email held back for its recipient's daily digest, sent once by the digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="held_review_emails"
    )
    kind = models.CharField(max_length=40)
    task_state = models.ForeignKey(
        TaskState, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=500)
    reason = models.TextField(blank=True)
    link = models.URLField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.summary
