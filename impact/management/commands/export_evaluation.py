"""Write the evaluation dataset to an xlsx file."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from impact.evaluation import export_bytes


class Command(BaseCommand):
    """Write the evaluation dataset (a sheet per entity and a data dictionary) to an xlsx file."""

    help = (
        "Write the evaluation dataset to PATH (.xlsx): projects, follow-ups, use reports and "
        "searches that found nothing, with a data dictionary sheet. Fellows appear as stable "
        "pseudonyms unless --identifiable is given with --user naming a superuser; identifiable "
        "exports are recorded in the site's log."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the workbook, ending in .xlsx.")
        parser.add_argument(
            "--identifiable",
            action="store_true",
            help="Include fellows' names and emails, and practitioners' names. Needs --user.",
        )
        parser.add_argument(
            "--user", help="The username of the superuser taking an identifiable export."
        )

    def handle(self, *args, path, identifiable=False, user=None, **options):
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            raise CommandError(f"{path} must end in .xlsx.")
        if not target.parent.is_dir():
            raise CommandError(f"There is no folder {target.parent} to write {target.name} into.")
        account = None
        if user:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(f"There is no active user called {user}.")
        if identifiable and (account is None or not account.is_superuser):
            raise CommandError(
                "An identifiable export names fellows, so it needs --user with the username of "
                "a superuser, who is recorded as having taken it."
            )
        content = export_bytes(user=account, identifiable=identifiable, via="command")
        target.write_bytes(content)
        kind = "identifiable" if identifiable else "pseudonymised"
        self.stdout.write(f"Wrote the {kind} evaluation dataset to {target}.")
