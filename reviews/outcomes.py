"""What a reviewer is told after acting, wherever she acted: the review page or the editor.

Wagtail says "Page 'X' has been updated." after every workflow action, even when the action
published the page. These sentences say what actually happened and what comes next.
"""

from django.contrib import messages as django_messages

from wagtail.admin import messages
from wagtail.models import Page, TaskState, WorkflowState


def last_decision(page, user):
    """The task state ``user`` most recently finished on ``page``, or None."""
    return (
        TaskState.objects.filter(
            workflow_state__object_id=str(page.pk),
            workflow_state__base_content_type=page.get_base_content_type(),
            finished_by=user,
        )
        .exclude(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("task", "workflow_state")
        .order_by("-finished_at", "-pk")
        .first()
    )


def confirmation(task_state):
    """The sentence and, once published, the live address that follow a decision."""
    page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
    title = page.get_admin_display_title()
    if task_state.status == TaskState.STATUS_REJECTED:
        return (
            f"You asked for changes to “{title}”. The fellows have your reason, and the "
            "project comes back to you when they resubmit it.",
            None,
        )
    workflow_state = task_state.workflow_state
    workflow_state.refresh_from_db()
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        if page.live:
            return f"“{title}” is published.", page.get_url()
        return f"“{title}” is approved and will be published at its scheduled time.", None
    next_task = workflow_state.current_task_state
    waits_for = next_task.task.name.lower() if next_task else "the next step"
    return f"You approved “{title}”. It now waits for {waits_for}.", None


def confirm(request, task_state):
    """Add the confirmation for ``task_state`` as a success message."""
    text, live_url = confirmation(task_state)
    buttons = [messages.button(live_url, "View the live page")] if live_url else None
    messages.success(request, text, buttons=buttons)


def replace_success_messages(request, task_state):
    """Swap Wagtail's "has been updated" for the confirmation, keeping any other message."""
    # Iterating the storage marks what was queued as read; what is added again is kept.
    others = [
        m for m in django_messages.get_messages(request) if m.level != django_messages.SUCCESS
    ]
    for message in others:
        django_messages.add_message(
            request, message.level, message.message, extra_tags=message.extra_tags
        )
    confirm(request, task_state)
