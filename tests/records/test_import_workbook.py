"""The .xlsx form: same records as JSON, labels accepted, problems located by sheet, row and column."""

import json
from datetime import datetime
from pathlib import Path

from django.core.management import CommandError, call_command

from wagtail.models import Page

import pytest
from openpyxl import Workbook

from cohorts.models import Fellow
from events.models import EventPage
from projects.models import ProjectPage
from records.importers import ImportValidationError, import_document, load_path, validate_document
from records.importers.workbook import write_workbook

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small.json"


def workbook(path, sheets):
    """Write ``sheets`` ({name: [header, row, ...]}) to an .xlsx file at ``path``."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def labelled_sheets():
    return {
        "cohorts": [
            ["slug", "title", "year", "start date", "end date"],
            ["class-of-2024", "Class of 2024", 2024, datetime(2024, 1, 8), "2024-12-13"],
        ],
        "fellows": [
            ["cohort", "slug", "name", "place"],
            ["class-of-2024", "aisha-begum", "Aisha Begum", "West Yorkshire (region-wide)"],
        ],
        "projects": [
            ["cohort", "slug", "title", "summary", "fellows", "places", "status", "themes"]
            + ["live", "section_1_heading", "section_1_text", "link_1_title", "link_1_url"],
            ["class-of-2024", "belonging-after-school", "Belonging after school"]
            + ["What helps young people belong.", "aisha-begum", "Bradford; leeds", "In progress"]
            + ["Belonging; Youth work", "yes", "Background", "First.\n\nSecond."]
            + ["Slides", "https://example.org/slides"],
        ],
        "findings": [
            ["project", "headline", "evidence_type", "confidence"],
            ["belonging-after-school", "Trusted adults matter.", "Focus groups", "STRONG"],
            ["belonging-after-school", "Clubs close too early.", "service_data", "emerging"],
        ],
        "events": [
            ["slug", "title", "start_date", "end_date", "format"],
            ["kx-2025", "Knowledge Exchange 2025", "2025-03-04", "2025-03-05", "In person"],
        ],
        "sessions": [
            ["event", "title", "speakers", "projects"],
            ["kx-2025", "Belonging", "Aisha Begum; A guest", "belonging-after-school"],
        ],
    }


def test_workbook_accepts_vocabulary_labels_as_well_as_values(tmp_path):
    path = workbook(tmp_path / "records.xlsx", labelled_sheets())
    report = import_document(load_path(path))
    assert report.counts["findings"]["created"] == 2
    page = ProjectPage.objects.get(slug="belonging-after-school")
    assert page.status == "in_progress"
    assert page.places == ["Bradford", "Leeds"]
    assert page.live
    assert [f.evidence_type for f in page.findings.all()] == ["focus_groups", "service_data"]
    assert [f.confidence for f in page.findings.all()] == ["strong", "emerging"]
    assert Fellow.objects.get().place == "West Yorkshire"
    assert page.get_parent().specific.start_date.isoformat() == "2024-01-08"
    assert [block["value"]["heading"] for block in page.body.raw_data] == ["Background"]
    assert page.links.get().url == "https://example.org/slides"
    session = EventPage.objects.get().sessions.get()
    assert session.speaker_list == ["Aisha Begum", "A guest"]
    assert EventPage.objects.get().format == "in_person"
    assert not import_document(load_path(path)).changed


def test_workbook_and_json_of_the_same_records_read_the_same(tmp_path):
    doc = json.loads(SMALL.read_text())
    write_workbook(doc, tmp_path / "small.xlsx")
    assert validate_document(load_path(tmp_path / "small.xlsx")) == validate_document(
        load_path(SMALL)
    )


def workbook_errors(path):
    pages = Page.objects.count()
    with pytest.raises(ImportValidationError) as raised:
        import_document(load_path(path))
    assert Page.objects.count() == pages
    assert Fellow.objects.count() == 0
    return raised.value.errors


def test_workbook_problems_name_the_sheet_row_and_column(tmp_path):
    sheets = labelled_sheets()
    sheets["findings"][2][3] = "high"
    sheets["projects"][1][6] = "Done"
    sheets["cohorts"][1][2] = 1999
    errors = workbook_errors(workbook(tmp_path / "bad.xlsx", sheets))
    assert errors == [
        "sheet 'cohorts', row 2, column 'year': 1999 is outside 2000-2100",
        "sheet 'projects', row 2, column 'status': 'Done' is not one of proposed, in_progress, "
        "writing_up, complete",
        "sheet 'findings', row 3, column 'confidence': 'high' is not one of emerging, moderate, "
        "strong",
    ]


def test_workbook_rows_must_name_a_parent_that_exists(tmp_path):
    sheets = labelled_sheets()
    sheets["findings"].append(["no-such-project", "Orphan finding.", "survey", "moderate"])
    sheets["fellows"].append([None, "no-cohort", "Nobody"])
    errors = workbook_errors(workbook(tmp_path / "orphans.xlsx", sheets))
    assert errors == [
        "sheet 'fellows', row 3, column 'cohort': is required (the slug of its cohort)",
        "sheet 'findings', row 4, column 'project': no project 'no-such-project' in sheet "
        "'projects'",
    ]


def test_workbook_unknown_sheets_and_columns_are_reported(tmp_path):
    sheets = labelled_sheets()
    sheets["projects"][0][7] = "topics"
    sheets["notes"] = [["anything"], ["at all"]]
    errors = workbook_errors(workbook(tmp_path / "extra.xlsx", sheets))
    assert errors[0].startswith("sheet 'projects': unknown column 'topics'; expected cohort, slug")
    assert errors[1].startswith("sheet 'notes': unknown sheet; expected sheets named themes")
    assert len(errors) == 2


def test_workbook_section_and_link_problems_point_at_their_columns(tmp_path):
    sheets = labelled_sheets()
    sheets["projects"][0] += ["section_2_heading", "section_2_text"]
    sheets["projects"][1] += [None, "Text without a heading."]
    sheets["projects"][1][12] = "mailto:someone@example.org"
    errors = workbook_errors(workbook(tmp_path / "sections.xlsx", sheets))
    assert errors == [
        "sheet 'projects', row 2, column 'section_2_heading': is required for a section",
        "sheet 'projects', row 2, column 'link_1_url': 'mailto:someone@example.org' is not a web "
        "address starting with http:// or https://",
    ]


def test_workbook_duplicate_slugs_point_at_both_rows(tmp_path):
    sheets = labelled_sheets()
    sheets["fellows"].append(["class-of-2024", "aisha-begum", "Aisha Begum again"])
    errors = workbook_errors(workbook(tmp_path / "duplicates.xlsx", sheets))
    assert errors == [
        "sheet 'fellows', row 3, column 'slug': 'aisha-begum' is used by another fellow in this "
        "file (first at sheet 'fellows', row 2, column 'slug')"
    ]


def test_a_file_that_is_not_a_workbook_is_an_error(tmp_path):
    path = tmp_path / "records.xlsx"
    path.write_text("not a spreadsheet")
    with pytest.raises(CommandError, match="records.xlsx could not be read as an Excel workbook"):
        call_command("import_fellowship", str(path))
