"""Export of the site's fellowship records in the import format ("fellowship-import/1").

Pages are exported as their newest revision (a draft project's content, a live page's pending
edits), which is also what the importer compares a file with, so exporting and importing the result
changes nothing. Only ``section`` blocks of a write-up are in the format; quotes, images, recordings
and documents stay on the site. Fellows who belong to no cohort have nowhere to go in the format
and are left out.
"""

import json
from pathlib import Path

from django.db.models.functions import Lower

from cohorts.models import CohortIndexPage, CohortPage, Fellow, Mentor
from events.models import EventIndexPage, EventPage
from projects.models import ProjectPage, Theme
from records import follow_ups, milestones
from records.importers import FORMAT, records
from records.importers.validation import FINDING_ADDITIONS, THEME_ADDITIONS
from records.importers.workbook import write_workbook

EXTENSIONS = (".json", ".xlsx")
# Fields written even when empty or at their default; everything else is left out when empty.
# A finding's and a theme's later additions are written empty too: left out, they would mean
# "keep what the site holds" (FINDING_ADDITIONS), and a corrected export must be able to clear them.
ALWAYS = {"programme", *FINDING_ADDITIONS, *THEME_ADDITIONS}


def compact(value):
    """Drop empty optional fields (and ``live: true``, the default) so files stay readable."""
    if isinstance(value, list):
        return [compact(item) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        if key == "live" and item is True:
            continue
        if item in ("", None, []) and key not in ALWAYS:
            continue
        result[key] = compact(item)
    return result


def latest(page):
    return page.get_latest_revision_as_object()


def export_cohort(page):
    record = records.cohort_record(latest(page))
    fellows = Fellow.objects.filter(cohort=page).order_by("name", "slug")
    record["fellows"] = [records.fellow_record(fellow) for fellow in fellows]
    projects = ProjectPage.objects.child_of(page).order_by("path")
    record["projects"] = [records.project_record(latest(p), p.live) for p in projects]
    milestones.export_into(record, page, projects)
    follow_ups.export_into(record, projects)
    return record


def export_event(page):
    edited = latest(page)
    record = records.event_record(edited)
    record["sessions"] = [records.session_record(session) for session in edited.sessions.all()]
    return record


def export_document():
    """Everything the format holds, as a dict ready for ``json.dump`` or ``write_workbook``."""
    cohorts = CohortPage.objects.none()
    index = CohortIndexPage.objects.first()
    if index is not None:
        cohorts = CohortPage.objects.child_of(index).order_by("path")
    events = EventPage.objects.none()
    event_index = EventIndexPage.objects.first()
    if event_index is not None:
        events = EventPage.objects.child_of(event_index).order_by("path")
    document = {
        "format": FORMAT,
        "themes": [records.theme_record(t) for t in Theme.objects.order_by(Lower("name"))],
        "mentors": [records.mentor_record(m) for m in Mentor.objects.order_by("name", "email")],
        "cohorts": [export_cohort(page) for page in cohorts],
        "events": [export_event(page) for page in events],
    }
    return compact(document)


def export_path(path):
    """Write the export to ``path``: JSON or a workbook, chosen by the extension."""
    path = Path(path)
    if path.suffix.lower() not in EXTENSIONS:
        raise ValueError(f"{path.name} must end in .json or .xlsx.")
    document = export_document()
    if path.suffix.lower() == ".json":
        with path.open("w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    else:
        write_workbook(document, path)
    return document
