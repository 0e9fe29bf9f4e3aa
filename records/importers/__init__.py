"""Bulk import of cohorts, fellows, mentors, projects, themes and events (format "fellowship-import/1").

The format is the programme's contract in ``../shared/import-format.md``; ``workbook`` describes the
.xlsx layout. ``import_document`` is the entry point for code; the ``import_fellowship`` command
wraps it for files.
"""

from django.db import transaction

from records.follow_ups import check as check_follow_ups
from records.importers.loading import ImportFileError, LoadedDocument, json_location, load_path
from records.importers.references import ReferenceChecker
from records.importers.report import ImportReport, ImportValidationError
from records.importers.validation import FORMAT, DocumentValidator
from records.importers.writer import Writer
from records.milestones import check_names as check_milestone_names

__all__ = [
    "FORMAT",
    "ImportFileError",
    "ImportReport",
    "ImportValidationError",
    "LoadedDocument",
    "import_document",
    "load_path",
    "validate_document",
]


def validate_document(data):
    """Return the document cleaned into canonical records, or raise ImportValidationError."""
    locate = getattr(data, "locate", json_location)
    validator = DocumentValidator()
    cleaned = validator.validate(data)
    if cleaned is not None:
        ReferenceChecker(validator, cleaned).check()
        check_milestone_names(validator, cleaned)
        check_follow_ups(validator, cleaned)
    errors = list(getattr(data, "problems", []))
    for path, message, other in validator.problems:
        if other is not None:
            message = message.replace("{other}", locate(other))
        errors.append(f"{locate(path)}: {message}")
    if errors:
        raise ImportValidationError(errors)
    return cleaned


def import_document(data, *, dry_run=False, progress=None, source="JSON"):
    """Validate ``data`` in full, then create or update what differs, all in one transaction.

    ``progress``, if given, is called as ``progress(kind, done, total)`` after each cohort,
    fellow, project and event. With ``dry_run`` nothing is written and the report says what
    would change. Raises ImportValidationError listing every problem; then nothing is written.
    """
    cleaned = validate_document(data)
    report = ImportReport(dry_run=dry_run, source=source)
    if dry_run:
        Writer(cleaned, report, apply=False, progress=progress).run()
    else:
        with transaction.atomic():
            Writer(cleaned, report, apply=True, progress=progress).run()
    return report
