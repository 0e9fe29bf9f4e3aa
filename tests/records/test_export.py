"""Export writes the import format; exporting, then importing into an empty site, loses nothing."""

import json
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

import pytest
from openpyxl import load_workbook

from cohorts.models import CohortPage, Fellow, Mentor
from events.models import EventPage
from projects.models import ProjectPage, Theme
from records.exporters import export_document
from records.importers import import_document, load_path
from records.importers.validation import FINDING_ADDITIONS

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small.json"
DEMO = Path(settings.BASE_DIR).parent / "shared" / "examples" / "demo.json"


def empty_the_site():
    for page in [*EventPage.objects.all(), *CohortPage.objects.all()]:
        page.delete()
    for model in (Fellow, Mentor, Theme, get_user_model()):
        model.objects.all().delete()
    assert not ProjectPage.objects.exists()


def export(path):
    call_command("export_fellowship", str(path), stdout=StringIO())
    return path


@pytest.mark.parametrize("source", [SMALL, DEMO], ids=["small", "demo"])
@pytest.mark.parametrize("extension", [".json", ".xlsx"])
def test_export_then_import_into_an_empty_site_gives_the_same_content(tmp_path, source, extension):
    import_document(load_path(source))
    first = export_document()
    path = export(tmp_path / f"export{extension}")

    empty_the_site()
    report = import_document(load_path(path))
    assert report.counts["projects"]["created"] == len(
        [p for c in first["cohorts"] for p in c.get("projects", [])]
    )
    assert export_document() == first


def test_exported_json_is_the_import_format():
    import_document(load_path(DEMO))
    exported = export_document()
    demo = json.loads(DEMO.read_text())
    assert exported["format"] == "fellowship-import/1"
    assert [c["slug"] for c in exported["cohorts"]] == ["class-of-2023", "class-of-2024"]
    letters = exported["cohorts"][0]["projects"][0]
    # The demo predates the findings' later fields, which an export writes even when empty.
    for finding in letters["findings"]:
        assert {finding.pop(name) for name in FINDING_ADDITIONS} <= {None, ""}
    assert letters == demo["cohorts"][0]["projects"][0]
    draft = exported["cohorts"][1]["projects"][0]
    assert draft["live"] is False
    assert exported["events"] == demo["events"]


def test_export_then_reimport_changes_nothing(tmp_path):
    import_document(load_path(SMALL))
    path = export(tmp_path / "export.json")
    assert not import_document(load_path(path)).changed


def test_editor_formatting_is_exported_as_plain_paragraphs_and_other_blocks_are_left_out():
    import_document(load_path(SMALL))
    page = ProjectPage.objects.get(slug="letters-that-do-no-harm")
    page.body = [
        {
            "type": "section",
            "value": {
                "heading": "What we found",
                "body": "<p>Letters <b>frightened</b> people &amp; families.</p><h3>Next</h3>"
                "<ul><li>Rewrite</li><li>Test</li></ul><p>Line one<br/>line two</p>",
            },
        },
        {"type": "quote", "value": {"quote": "I never opened it.", "attribution": ""}},
    ]
    page.save_revision().publish()
    project = export_document()["cohorts"][0]["projects"][0]
    assert project["sections"] == [
        {
            "heading": "What we found",
            "text": "Letters frightened people & families.\n\nNext\n\n- Rewrite\n\n- Test\n\n"
            "Line one\nline two",
        }
    ]


def test_export_reads_the_newest_revision_of_a_draft():
    import_document(load_path(SMALL))
    draft = ProjectPage.objects.get(slug="can-zero-tolerance-be-trauma-aware")
    edited = draft.get_latest_revision_as_object()
    edited.title = "Zero tolerance, reconsidered"
    edited.save_revision()
    project = export_document()["cohorts"][0]["projects"][1]
    assert project["title"] == "Zero tolerance, reconsidered"
    assert project["live"] is False


def test_export_command_rejects_other_extensions_and_missing_folders(tmp_path):
    with pytest.raises(CommandError, match="records.csv must end in .json or .xlsx"):
        call_command("export_fellowship", str(tmp_path / "records.csv"))
    with pytest.raises(CommandError, match="There is no folder"):
        call_command("export_fellowship", str(tmp_path / "missing" / "records.json"))


def test_export_command_reports_what_it_wrote(tmp_path):
    import_document(load_path(SMALL))
    out = StringIO()
    call_command("export_fellowship", str(tmp_path / "out.json"), stdout=out)
    assert "3 themes, 1 mentor, 1 cohort, 2 fellows, 2 projects and 1 event" in out.getvalue()
    assert json.loads((tmp_path / "out.json").read_text())["format"] == "fellowship-import/1"


def test_text_typed_in_the_admin_compares_equal_to_the_same_text_in_a_file(tmp_path):
    import_document(load_path(SMALL))
    fellow = Fellow.objects.get(slug="sam-okafor")
    # Browsers send Windows line ends from a textarea.
    fellow.bio = (
        "Sam leads patient communications.  \r\n\r\nBefore that Sam worked in youth services.\r\n"
    )
    fellow.save()
    exported = export(tmp_path / "export.json")
    bio = json.loads(exported.read_text())["cohorts"][0]["fellows"][1]["bio"]
    assert bio == "Sam leads patient communications.\n\nBefore that Sam worked in youth services."
    assert not import_document(load_path(SMALL)).changed


FORMULAS = {
    "headline": '=HYPERLINK("http://evil.example/","Open")',
    "detail": "+1+1 people said so",
    "recommendation": "-2 fewer letters",
    "theme": "@SUM(A1) described",
    "summary": "=1+1",
}


def hostile_document():
    document = json.loads(SMALL.read_text())
    project = document["cohorts"][0]["projects"][0]
    finding = project["findings"][0]
    finding["headline"] = FORMULAS["headline"]
    finding["detail"] = FORMULAS["detail"]
    finding["recommendation"] = FORMULAS["recommendation"]
    document["themes"][0]["description"] = FORMULAS["theme"]
    project["summary"] = FORMULAS["summary"]
    return document


def test_workbook_export_writes_formula_text_as_text_cells(tmp_path):
    import_document(hostile_document())
    path = export(tmp_path / "export.xlsx")

    book = load_workbook(path)
    cells = {cell.value: cell for sheet in book for row in sheet.iter_rows() for cell in row}
    for text in FORMULAS.values():
        assert text in cells, text
        assert cells[text].data_type == "s", text


def test_formula_text_survives_a_round_trip_through_a_workbook_unchanged(tmp_path):
    import_document(hostile_document())
    first = export_document()
    path = export(tmp_path / "export.xlsx")

    empty_the_site()
    import_document(load_path(path))

    assert export_document() == first
    finding = first["cohorts"][0]["projects"][0]["findings"][0]
    assert finding["headline"] == FORMULAS["headline"]
