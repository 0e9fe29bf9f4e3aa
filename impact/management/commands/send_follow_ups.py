"""Send the follow-ups that have fallen due, each once only."""

from django.core.management.base import BaseCommand

from impact.follow_ups import intervals, send_due_follow_ups


class Command(BaseCommand):
    """Email each fellow whose project completed 6, 12 or 24 months ago a link to say what changed."""

    help = (
        "Email fellows a follow-up at each interval of FOLLOW_UP_MONTHS after their project's end "
        "date (projects marked complete), with a link to record what changed since. Run it daily "
        "from cron or the task worker: a follow-up is never sent twice, and one that could not be "
        "sent is tried again next time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        report = send_due_follow_ups(dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        months = ", ".join(str(m) for m in intervals())
        self.stdout.write(f"Follow-up intervals: {months} months after a project's end date.")
        for follow_up in report.sent:
            self.stdout.write(f"{verb}: {follow_up} to {follow_up.fellow.email}")
        for follow_up in report.skipped_no_email:
            self.stdout.write(f"Not sent, the fellow has no email address: {follow_up}")
        for follow_up in report.failed:
            self.stderr.write(f"Could not send, will try again next time: {follow_up}")
        self.stdout.write(f"{verb} {len(report.sent)} follow-up(s).")
