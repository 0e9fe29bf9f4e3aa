"""Receivers for Wagtail's workflow signals and for linking fellow and mentor accounts."""

from functools import partial

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import post_save

from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from cohorts.models import Fellow, Mentor
from core.roles import FELLOWS, MENTORS
from reviews import notifications
from reviews.models import MentorReviewTask
from reviews.tasks import send_review_notification


def _enqueue(kind, task_state, user):
    # After commit, so that no email goes out for an action that was rolled back and a queued
    # worker never reads the database before the action is saved.
    transaction.on_commit(
        partial(
            send_review_notification.enqueue,
            kind,
            task_state.pk,
            user.pk if user is not None and user.is_authenticated else None,
        )
    )


def on_task_submitted(sender, instance, user=None, **kwargs):
    """A task started: ask its reviewers (the mentors, or the programme team for sign-off)."""
    task = instance.task.specific
    if isinstance(task, MentorReviewTask):
        _enqueue(notifications.REVIEW_REQUESTED, instance, user)
    else:
        _enqueue(notifications.SIGN_OFF_REQUESTED, instance, user)


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    """Nothing to send: the first task's start already tells its reviewers.

    Connected so that Wagtail's own email to every superuser on each submission stays off.
    """


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    """Changes were requested: tell the fellows why."""
    if instance.current_task_state_id:
        _enqueue(notifications.CHANGES_REQUESTED, instance.current_task_state, user)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    """Signed off and published: tell the fellows."""
    if instance.current_task_state_id:
        _enqueue(notifications.APPROVED, instance.current_task_state, user)


# Wagtail's admin registers its own workflow emails under these dispatch uids. Taking the same
# uids replaces them whichever app becomes ready first: disconnecting removes Wagtail's receiver if
# it is already there, and holding the uid makes Wagtail's later connect a no-op.
WORKFLOW_RECEIVERS = [
    (
        task_submitted,
        TaskState,
        on_task_submitted,
        "group_approval_task_submitted_email_notification",
    ),
    (
        workflow_submitted,
        WorkflowState,
        on_workflow_submitted,
        "workflow_state_submitted_email_notification",
    ),
    (
        workflow_rejected,
        WorkflowState,
        on_workflow_rejected,
        "workflow_state_rejected_email_notification",
    ),
    (
        workflow_approved,
        WorkflowState,
        on_workflow_approved,
        "workflow_state_approved_email_notification",
    ),
]


def add_to_role_group(group_name, sender, instance, **kwargs):
    """Linking a fellow or mentor profile to an account puts the account in the matching group."""
    if instance.user_id:
        group, _ = Group.objects.get_or_create(name=group_name)
        instance.user.groups.add(group)


def register_signal_handlers():
    for signal, sender, receiver, dispatch_uid in WORKFLOW_RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)

    post_save.connect(
        partial(add_to_role_group, FELLOWS),
        sender=Fellow,
        weak=False,
        dispatch_uid="reviews_fellow_account_group",
    )
    post_save.connect(
        partial(add_to_role_group, MENTORS),
        sender=Mentor,
        weak=False,
        dispatch_uid="reviews_mentor_account_group",
    )
