"""``manage.py import_fellowship PATH [--dry-run]``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.database import analyse
from core.page_log import quiet_page_log
from records.importers import ImportFileError, ImportValidationError, import_document, load_path

# Below this many records of a kind, progress lines are noise; above it they reassure.
PROGRESS_FROM = 100
PROGRESS_EVERY = 50


class Progress:
    """Writes "projects 120/500" lines to stderr, as often as the verbosity asks."""

    def __init__(self, stream, verbosity):
        self.stream = stream
        self.verbosity = verbosity

    def __call__(self, kind, done, total):
        if self.verbosity >= 2:
            step = 1 if total <= PROGRESS_EVERY else 10
        elif self.verbosity == 1 and total >= PROGRESS_FROM:
            step = PROGRESS_EVERY
        else:
            return
        if done % step == 0 or done == total:
            self.stream.write(f"{kind} {done}/{total}")


class Command(BaseCommand):
    """Import cohorts, fellows, mentors, projects, themes and events from a JSON or .xlsx file.

    The whole file is checked first; if anything is wrong, every problem is listed and nothing is
    written. Importing the same file again changes nothing.
    """

    help = (
        "Import fellowship records from a .json or .xlsx file in the format "
        "'fellowship-import/1'. Nothing is written unless the whole file is valid. A workbook has "
        "one sheet per kind of record (themes, mentors, cohorts, fellows, projects, findings, "
        "events, sessions, and optionally milestone_templates, milestones and follow_ups); a "
        "project's sections and links go in numbered columns (section_1_heading, section_1_text, "
        "link_1_title, link_1_url, ...). docs/import-format-extensions.md describes the additions."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .json or .xlsx file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what would be created, updated and left unchanged, "
            "without writing anything.",
        )

    def handle(self, *args, path, dry_run=False, verbosity=1, **options):
        name = Path(path).name
        try:
            data = load_path(path)
        except ImportFileError as error:
            raise CommandError(error.errors[0]) from None
        try:
            with quiet_page_log(verbosity):
                report = import_document(
                    data,
                    dry_run=dry_run,
                    progress=Progress(self.stderr, verbosity),
                    source=name,
                )
        except ImportValidationError as error:
            for problem in error.errors:
                self.stderr.write(f"  {problem}")
            count = len(error.errors)
            raise CommandError(
                f"{name} has {count} problem{'s' if count != 1 else ''}; nothing was imported."
            ) from None
        if not dry_run:
            # An import can multiply the size of the site: the planner's figures must follow.
            analyse()
        if verbosity:
            self.stdout.write(report.summary())
