"""Background work for impact: sending the follow-ups that have fallen due."""

from django_tasks import task

from impact.follow_ups import send_due_follow_ups


@task()
def send_follow_ups():
    """Email every follow-up now due, each once only (a task worker's daily schedule runs this).

    Returns the numbers sent, skipped for want of an email address, and failed, for the log.
    """
    report = send_due_follow_ups()
    return {
        "sent": len(report.sent),
        "no_email": len(report.skipped_no_email),
        "failed": len(report.failed),
    }
