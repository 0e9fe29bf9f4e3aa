"""Fields added to the format after it was first written (a finding's participants, setting,
fieldwork and the mentor's check; a theme's summary) travel through import and export; files
written before them still import, and bad values are refused whole."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from wagtail.models import Page, Revision

import pytest

from projects.models import Finding, ProjectPage, Theme
from records.exporters import export_document
from records.importers import ImportValidationError, import_document, load_path
from records.importers.validation import FINDING_ADDITIONS
from records.importers.workbook import write_workbook
from tests.records.test_export import empty_the_site

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small.json"
OLD_EXAMPLE = Path(settings.BASE_DIR).parent / "shared" / "examples" / "demo.json"

CHECKED = {
    "participants": 48,
    "setting": "health",
    "fieldwork_start": "2023-03-01",
    "fieldwork_end": "2023-06-30",
    "checked_by": "priya.natarajan@example.org",
    "checked_at": "2023-11-20",
}


def document(**fields):
    """The small example with ``fields`` on the first finding of its first project."""
    doc = json.loads(SMALL.read_text())
    doc["cohorts"][0]["projects"][0]["findings"][0].update(fields)
    return doc


def first_finding():
    page = ProjectPage.objects.get(slug="letters-that-do-no-harm")
    return page.findings.order_by("sort_order").first()


def rejected(doc):
    before = (Page.objects.count(), Revision.objects.count(), Finding.objects.count())
    with pytest.raises(ImportValidationError) as raised:
        import_document(doc)
    assert (Page.objects.count(), Revision.objects.count(), Finding.objects.count()) == before
    return raised.value.errors


def test_an_example_in_the_old_format_imports_unchanged():
    old = json.loads(OLD_EXAMPLE.read_text())
    findings = [
        finding
        for cohort in old["cohorts"]
        for project in cohort.get("projects", [])
        for finding in project.get("findings", [])
    ]
    assert findings and not any(FINDING_ADDITIONS.keys() & finding.keys() for finding in findings)

    report = import_document(load_path(OLD_EXAMPLE))

    assert report.counts["findings"]["created"] == len(findings)
    assert import_document(load_path(OLD_EXAMPLE)).changed is False
    for finding in Finding.objects.all():
        assert (finding.participants, finding.setting, finding.checked_by) == (None, "", None)


def test_new_fields_are_written_to_the_finding():
    import_document(document(**CHECKED))

    finding = first_finding()
    assert finding.participants == 48
    assert finding.setting == "health"
    assert (finding.fieldwork_start, finding.fieldwork_end) == (date(2023, 3, 1), date(2023, 6, 30))
    assert finding.checked_by.email == "priya.natarajan@example.org"
    assert finding.checked_at == date(2023, 11, 20)


@pytest.mark.parametrize("extension", [".json", ".xlsx"])
def test_export_then_import_gives_back_the_same_finding_fields(tmp_path, extension):
    import_document(document(**CHECKED))
    first = export_document()
    assert (
        first["cohorts"][0]["projects"][0]["findings"][0] | CHECKED
        == (first["cohorts"][0]["projects"][0]["findings"][0])
    )
    path = tmp_path / f"export{extension}"
    call_command("export_fellowship", str(path), stdout=StringIO())

    empty_the_site()
    import_document(load_path(path))

    assert export_document() == first
    assert first_finding().checked_by.name == "Priya Natarajan"


def test_a_file_without_the_new_fields_keeps_what_the_site_holds():
    import_document(document(**CHECKED))

    report = import_document(document())

    assert not report.changed
    assert first_finding().participants == 48
    assert first_finding().checked_at == date(2023, 11, 20)


def test_empty_values_clear_the_new_fields():
    import_document(document(**CHECKED))

    import_document(document(**dict.fromkeys(CHECKED)))

    finding = first_finding()
    assert (finding.participants, finding.setting, finding.checked_by, finding.checked_at) == (
        None,
        "",
        None,
        None,
    )


WHERE = "cohorts[0].projects[0].findings[0]"


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"participants": "twelve"}, f"{WHERE}.participants: must be a whole number, not 'twelve'"),
        ({"participants": -3}, f"{WHERE}.participants: -3 is not a number of people or records"),
        ({"participants": 2.5}, f"{WHERE}.participants: must be a whole number"),
        ({"setting": "prison"}, f"{WHERE}.setting: 'prison' is not one of early_years"),
        ({"fieldwork_start": "March 2023"}, f"{WHERE}.fieldwork_start: 'March 2023' is not a date"),
        (
            {"fieldwork_start": "2023-06-01", "fieldwork_end": "2023-03-31"},
            f"{WHERE}.fieldwork_end: 2023-03-31 is before the fieldwork_start date 2023-06-01",
        ),
        (
            {"checked_by": "nobody@example.org", "checked_at": "2023-11-20"},
            f"{WHERE}.checked_by: 'nobody@example.org' is not a mentor listed",
        ),
        (
            {"checked_at": "2023-11-20"},
            f"{WHERE}.checked_by: is required when checked_at is given",
        ),
        (
            {"checked_by": "priya.natarajan@example.org"},
            f"{WHERE}.checked_at: is required when checked_by is given",
        ),
    ],
    ids=[
        "participants-text",
        "participants-negative",
        "participants-fraction",
        "setting-unknown",
        "fieldwork-not-a-date",
        "fieldwork-backwards",
        "checked-by-unknown-mentor",
        "checked-at-alone",
        "checked-by-alone",
    ],
)
def test_bad_new_values_name_the_record_and_field_and_nothing_is_written(fields, expected):
    errors = rejected(document(**fields))

    assert any(error.startswith(expected) for error in errors), errors


def test_one_bad_value_leaves_a_site_with_checked_findings_as_it_was():
    import_document(document(**CHECKED))
    doc = document(**CHECKED)
    doc["cohorts"][0]["projects"][0]["findings"][1]["participants"] = "lots"
    doc["cohorts"][0]["projects"][0]["findings"][0]["participants"] = 50

    rejected(doc)

    assert first_finding().participants == 48


def test_a_bad_value_in_a_workbook_names_the_sheet_row_and_column(tmp_path):
    doc = document(**CHECKED)
    doc["cohorts"][0]["projects"][0]["findings"][1]["setting"] = "the moon"
    path = tmp_path / "bad.xlsx"
    write_workbook(doc, path)

    errors = rejected(load_path(path))

    assert any(
        error.startswith("sheet 'findings', row 3, column 'setting': 'the moon' is not one of")
        for error in errors
    ), errors


THEME_SUMMARY = {
    "what_we_know": "Belonging grows from people.\n\nNot from programmes.",
    "what_to_try": "A trusted adult for every child.",
    "gaps": "Nothing on adults at work.",
}


def with_theme_summary(doc, **summary):
    doc["themes"][0].update(summary)
    return doc


@pytest.mark.parametrize("extension", [".json", ".xlsx"])
def test_a_themes_summary_survives_export_and_import(tmp_path, extension):
    import_document(with_theme_summary(document(), **THEME_SUMMARY))
    first = export_document()
    assert first["themes"][0] | THEME_SUMMARY == first["themes"][0]
    path = tmp_path / f"export{extension}"
    call_command("export_fellowship", str(path), stdout=StringIO())

    empty_the_site()
    import_document(load_path(path))

    assert export_document() == first


def test_a_file_without_theme_summaries_keeps_the_programme_teams_summary():
    import_document(with_theme_summary(document(), **THEME_SUMMARY))

    assert not import_document(document()).changed
    assert Theme.objects.get(name="Belonging").gaps == "Nothing on adults at work."
