"""``manage.py export_fellowship PATH``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from records.exporters import EXTENSIONS, export_path


class Command(BaseCommand):
    """Export cohorts, fellows, mentors, projects, themes and events in the import format.

    The file can be imported again, here or into another site, and gives back the same content.
    """

    help = "Export fellowship records to a .json or .xlsx file in the format 'fellowship-import/1'."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write: a file name ending in .json or .xlsx.")

    def handle(self, *args, path, verbosity=1, **options):
        path = Path(path)
        if path.suffix.lower() not in EXTENSIONS:
            raise CommandError(f"{path.name} must end in .json or .xlsx.")
        if not path.parent.is_dir():
            raise CommandError(f"There is no folder {path.parent} to write {path.name} into.")
        try:
            document = export_path(path)
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error.strerror}.") from None
        if verbosity:
            cohorts = document.get("cohorts", [])
            counts = [
                (len(document.get("themes", [])), "theme"),
                (len(document.get("mentors", [])), "mentor"),
                (len(cohorts), "cohort"),
                (sum(len(cohort.get("fellows", [])) for cohort in cohorts), "fellow"),
                (sum(len(cohort.get("projects", [])) for cohort in cohorts), "project"),
                (len(document.get("events", [])), "event"),
            ]
            parts = [f"{number} {noun}{'' if number == 1 else 's'}" for number, noun in counts]
            self.stdout.write(f"Exported {', '.join(parts[:-1])} and {parts[-1]} to {path}.")
