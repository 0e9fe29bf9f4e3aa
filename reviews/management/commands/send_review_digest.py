"""``manage.py send_review_digest``: run once a day to send the review digests."""

from django.core.management.base import BaseCommand

from reviews.digest import send_digests


class Command(BaseCommand):
    """Email each person who chose the daily digest everything held for them since the last one."""

    help = (
        "Send the daily digest of review emails to everyone who chose it. Each item is sent once: "
        "running the command again sends nothing new."
    )

    def handle(self, *args, **options):
        people, items = send_digests()
        self.stdout.write(
            f"Sent {people} digest{'s' if people != 1 else ''} listing {items} item{'s' if items != 1 else ''}."
        )
