"""Background work for reviews: sending the notification emails."""

from django_tasks import task

from reviews.notifications import send_review_email


@task()
def send_review_notification(kind, task_state_id, acting_user_id=None):
    """Send the emails for one step of a project's review (see reviews.notifications)."""
    return send_review_email(kind, task_state_id, acting_user_id)
