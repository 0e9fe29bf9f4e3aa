"""Milestones and follow-ups in the .xlsx form: their own sheets, labels accepted, a workbook without
them leaves the site's alone, and a bad cell is reported by sheet, row and column with nothing
written."""

from datetime import datetime

from wagtail.models import Page

import pytest
from openpyxl import load_workbook

from impact.models import FollowUp, FollowUpStatus
from records.exporters import export_path
from records.importers import ImportValidationError, import_document, load_path
from tests.records.test_import_workbook import labelled_sheets, workbook
from tracking.models import Milestone, MilestoneTemplate

pytestmark = pytest.mark.django_db

PROJECT = "belonging-after-school"
FOLLOW_UP_HEADER = [
    "project",
    "fellow",
    "months",
    "due on",
    "sent_at",
    "status",
    "answered_at",
    "practice_change",
    "people_reached",
    "evidence_links",
    "public",
    "reviewed_at",
]


def sheets_with_extensions():
    sheets = labelled_sheets()
    sheets["milestone_templates"] = [
        ["cohort", "name", "due_date"],
        ["class-of-2024", "Proposal agreed", datetime(2024, 2, 9)],
        ["class-of-2024", "First draft to mentor", "2024-09-27"],
    ]
    sheets["milestones"] = [
        ["project", "name", "due_date", "done_on", "note"],
        [PROJECT, "Proposal agreed", "2024-02-09", datetime(2024, 2, 7), "Agreed with Ruth."],
        [PROJECT, "Ethics approval", "2024-04-26", None, None],
    ]
    sheets["follow_ups"] = [
        FOLLOW_UP_HEADER,
        [PROJECT, "aisha-begum", 6, "2025-06-13", datetime(2025, 6, 13, 9, 0)]
        + ["Reviewed", "2025-06-20T14:00:00+00:00", "Youth workers stay later.", 120]
        + ["https://example.org/a; https://example.org/b", "Changes to practice; reach"]
        + ["2025-06-25T10:00:00+00:00"],
        [PROJECT, "aisha-begum", 12, "2025-12-13", None, "Waiting for the fellow's answer"],
    ]
    return sheets


def test_a_workbook_carries_milestones_and_follow_ups_with_labels(tmp_path):
    path = workbook(tmp_path / "records.xlsx", sheets_with_extensions())
    report = import_document(load_path(path))
    assert report.counts["milestone templates"]["created"] == 2
    assert report.counts["follow-ups"]["created"] == 2
    assert list(MilestoneTemplate.objects.order_by("due_date").values_list("name", flat=True)) == [
        "Proposal agreed",
        "First draft to mentor",
    ]
    milestones = Milestone.objects.filter(project__slug=PROJECT).order_by("due_date")
    assert [(m.name, str(m.done_on), m.note) for m in milestones] == [
        ("Proposal agreed", "2024-02-07", "Agreed with Ruth."),
        ("Ethics approval", "None", ""),
    ]
    answered = FollowUp.objects.get(months=6)
    assert answered.status == FollowUpStatus.REVIEWED
    assert answered.people_reached == 120
    assert answered.public_practice_change and answered.public_reach
    assert not answered.public_partners
    assert answered.evidence_links.splitlines() == [
        "https://example.org/a",
        "https://example.org/b",
    ]
    assert FollowUp.objects.get(months=12).status == FollowUpStatus.AWAITING_ANSWER
    assert not import_document(load_path(path)).changed


def test_an_exported_workbook_has_a_sheet_each_for_milestones_and_follow_ups(tmp_path):
    import_document(load_path(workbook(tmp_path / "in.xlsx", sheets_with_extensions())))
    export_path(tmp_path / "out.xlsx")
    book = load_workbook(tmp_path / "out.xlsx", read_only=True)
    rows = {name: list(book[name].values) for name in book.sheetnames}
    assert rows["milestone_templates"][1] == ("class-of-2024", "Proposal agreed", "2024-02-09")
    assert rows["follow_ups"][0][:3] == ("project", "fellow", "months")
    assert len(rows["follow_ups"]) == 3
    assert len(rows["milestones"]) == 3


def test_a_workbook_without_the_new_sheets_leaves_milestones_and_follow_ups_alone(tmp_path):
    import_document(load_path(workbook(tmp_path / "full.xlsx", sheets_with_extensions())))
    report = import_document(load_path(workbook(tmp_path / "old.xlsx", labelled_sheets())))
    assert not report.changed
    assert Milestone.objects.filter(project__slug=PROJECT).count() == 2
    assert FollowUp.objects.count() == 2


def test_bad_cells_in_the_new_sheets_are_reported_by_sheet_row_and_column(tmp_path):
    sheets = sheets_with_extensions()
    sheets["milestones"][2][2] = "soon"
    sheets["milestones"].append(["no-such-project", "Analysis", "2024-06-28"])
    sheets["milestone_templates"][2][1] = "proposal agreed"
    sheets["follow_ups"][1][5] = "Published"
    sheets["follow_ups"][2][1] = "someone-else"
    sheets["follow_ups"][2][2] = "twelve"
    sheets["follow_ups"][1][10] = "Secrets"
    pages = Page.objects.count()
    with pytest.raises(ImportValidationError) as raised:
        import_document(load_path(workbook(tmp_path / "bad.xlsx", sheets)))
    assert sorted(raised.value.errors) == sorted(
        [
            "sheet 'milestones', row 4, column 'project': no project 'no-such-project' in sheet "
            "'projects'",
            "sheet 'milestones', row 3, column 'due_date': 'soon' is not a date in the form "
            "YYYY-MM-DD",
            "sheet 'milestone_templates', row 3, column 'name': 'proposal agreed' is named twice",
            "sheet 'follow_ups', row 2, column 'status': 'Published' is not one of "
            "awaiting_answer, awaiting_review, reviewed",
            "sheet 'follow_ups', row 2, column 'public': 'Secrets' is not one of practice_change, "
            "policy_change, training_change, service_change, reach, partners, evidence_links",
            "sheet 'follow_ups', row 3, column 'months': must be a whole number of months, not "
            "'twelve'",
            "sheet 'follow_ups', row 3, column 'fellow': 'someone-else' is not one of this "
            "project's fellows (aisha-begum)",
        ]
    )
    assert Page.objects.count() == pages
    assert not FollowUp.objects.exists()
    assert not Milestone.objects.exists()
    assert not MilestoneTemplate.objects.exists()
