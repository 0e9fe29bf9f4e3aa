"""Send the programme team this week's tracker digest; run weekly by cron or the task worker."""

from django.core.management.base import BaseCommand

from tracking.digest import build_digest, render
from tracking.tasks import send_weekly_digest


class Command(BaseCommand):
    """Queue the weekly digest email to the programme team, or print it with --dry-run."""

    help = "Email the programme team what changed on the trackers this week and what is overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the digest instead of sending it."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            subject, body = render(build_digest())
            self.stdout.write(f"Subject: {subject}\n\n{body}")
            return
        result = send_weekly_digest.enqueue()
        self.stdout.write(f"Digest queued ({result.id}).")
