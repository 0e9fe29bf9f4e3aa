"""The evaluation export's Milestones and Check-ins sheets: the rows, the dictionary, and the
notes that must never leave the site."""

from datetime import timedelta
from io import BytesIO

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from impact import evaluation
from tests.tracking.conftest import SECRET_NOTE, SECRET_STEP
from tracking.models import CheckIn, Rating

MILESTONE_NOTE = "Private: ethics took longer because Ada was off sick"

MILESTONE_HEADINGS = ["milestone_id", "project_id", "milestone", "due_date", "done_on", "overdue"]
CHECK_IN_HEADINGS = [
    "check_in_id",
    "project_id",
    "date",
    "rating",
    "rating_value",
    "next_step_agreed",
]


def workbook(identifiable=False):
    book = load_workbook(BytesIO(evaluation.export_bytes(None, identifiable, "admin")))
    return {sheet.title: [[c.value for c in row] for row in sheet.iter_rows()] for sheet in book}


def day(value):
    # openpyxl reads dates back as midnight datetimes.
    return value.date() if value is not None else None


@pytest.fixture
def tracked(scene):
    today = timezone.localdate()
    proposal = scene.milestones["Proposal agreed"]
    proposal.note = MILESTONE_NOTE
    proposal.save()
    CheckIn.objects.create(
        project=scene.project,
        date=today - timedelta(days=3),
        rating=Rating.GOING_WELL,
        note="",
        next_step="  ",
    )
    return scene


def test_the_milestones_sheet_lists_each_milestone_with_its_dates_and_whether_it_is_overdue(
    tracked,
):
    rows = workbook()["Milestones"]
    assert rows[0] == MILESTONE_HEADINGS
    today = timezone.localdate()
    got = {row[2]: row for row in rows[1:]}
    assert set(got) == {"Proposal agreed", "Data collection", "First draft to mentor"}
    project_id = tracked.project.pk
    proposal = got["Proposal agreed"]
    assert proposal[1] == project_id
    assert day(proposal[3]) == today - timedelta(days=40)
    assert day(proposal[4]) == today - timedelta(days=41)
    assert proposal[5] is False
    late = got["Data collection"]
    assert (late[1], day(late[4]), late[5]) == (project_id, None, True)
    assert got["First draft to mentor"][5] is False


def test_the_check_ins_sheet_gives_the_scale_as_a_word_and_a_number(tracked):
    rows = workbook()["Check-ins"]
    assert rows[0] == CHECK_IN_HEADINGS
    today = timezone.localdate()
    project_id = tracked.project.pk
    assert [[row[1], day(row[2]), *row[3:]] for row in rows[1:]] == [
        [project_id, today - timedelta(days=10), "Some concerns", 2, True],
        [project_id, today - timedelta(days=3), "Going well", 3, False],
    ]


def test_the_project_reference_is_the_projects_sheets_id(tracked):
    sheets = workbook()
    project_ids = {row[0] for row in sheets["Projects"][1:]}
    for name in ("Milestones", "Check-ins"):
        assert {row[1] for row in sheets[name][1:]} <= project_ids


@pytest.mark.parametrize("identifiable", [False, True])
def test_notes_and_next_steps_are_in_no_cell_of_the_workbook(tracked, identifiable):
    cells = [
        str(value)
        for rows in workbook(identifiable).values()
        for row in rows
        for value in row
        if value is not None
    ]
    for secret in (SECRET_NOTE, SECRET_STEP, MILESTONE_NOTE):
        assert not any(secret in cell for cell in cells), secret
    # A fragment, in case a cell held the text cut short.
    assert not any("pause recruitment" in cell or "interviews hard" in cell for cell in cells)


def test_fellows_are_not_named_in_the_pseudonymised_workbook(tracked):
    text = " ".join(
        str(value) for rows in workbook().values() for row in rows for value in row if value
    )
    assert "Ada Listed" not in text
    assert evaluation.pseudonym(tracked.people.listed.pk) in text


def test_the_data_dictionary_describes_every_new_column(tracked):
    dictionary = workbook()["Data dictionary"]
    described = {(row[0], row[1]): row[2] for row in dictionary[1:]}
    for sheet, headings in (("Milestones", MILESTONE_HEADINGS), ("Check-ins", CHECK_IN_HEADINGS)):
        # The sheet's own line has an empty column cell, which reads back as None.
        assert described[(sheet, None)]
        for heading in headings:
            assert described.get((sheet, heading)), (sheet, heading)
