"""Background work for tracking: the weekly digest."""

from django_tasks import task

from tracking.digest import send_digest


@task()
def send_weekly_digest():
    """Send the programme team the tracker digest (see tracking.digest)."""
    return send_digest()
