"""The tracker page: its rows, days in review from the workflow, sorting, filtering and downloads."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState

import pytest
from openpyxl import load_workbook

from core.spreadsheets import would_run
from tests.reviews.helpers import login_as
from tracking.models import CheckIn, Rating
from tracking.rag import RULE

HOSTILE_TITLE = '=HYPERLINK("http://evil.example/","Open")'


@pytest.fixture
def tracker(client, scene, people, workflow):
    """The scene's project plus a draft stuck in review for three weeks, seen by the team."""
    stuck = people.project(title=HOSTILE_TITLE, slug="stuck-in-review")
    workflow.start(stuck, people.users["listed_fellow"])
    WorkflowState.objects.filter(object_id=str(stuck.pk)).update(
        created_at=timezone.now() - timedelta(days=21)
    )
    CheckIn.objects.create(project=stuck, date=timezone.localdate(), rating=Rating.GOING_WELL)
    login_as(client, people, "programme_team")
    scene.stuck = stuck
    scene.url = reverse("tracker", args=[people.cohort.pk])
    return scene


def rows_of(response):
    return {row.project.pk: row for row in response.context["rows"]}


def test_each_row_shows_stage_next_milestone_review_wait_last_check_in_and_rag(client, tracker):
    response = client.get(tracker.url)
    rows = rows_of(response)
    quiet, stuck = rows[tracker.project.pk], rows[tracker.stuck.pk]
    assert quiet.next_milestone.name == "Data collection"
    assert [m.name for m in quiet.overdue] == ["Data collection"]
    assert quiet.last_check_in == tracker.check_in
    assert quiet.days_in_review is None
    assert quiet.rag.rag == "amber"
    assert stuck.days_in_review == 21
    assert stuck.stage == "In progress, in Mentor review"
    assert stuck.rag.rag == "red"
    assert "In review for 21 days" in stuck.reasons


def test_the_page_writes_down_the_rag_rule(client, tracker):
    text = client.get(tracker.url).content.decode()
    for name, words in RULE:
        assert name in text and words.split(",")[0] in text


def test_red_comes_first_and_any_column_sorts_both_ways(client, tracker):
    first = list(rows_of(client.get(tracker.url)))
    assert first == [tracker.stuck.pk, tracker.project.pk]
    by_review = list(rows_of(client.get(tracker.url + "?sort=days_in_review")))
    assert by_review == [tracker.stuck.pk, tracker.project.pk]  # no review wait goes last
    by_title = list(rows_of(client.get(tracker.url + "?sort=-project")))
    assert by_title == [tracker.project.pk, tracker.stuck.pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rag=red", "stuck"),
        ("rag=amber", "project"),
        ("overdue=on", "both"),
        ("in_review=on", "stuck"),
        ("rag=purple", "both"),  # not a choice: the form says so and nothing is hidden
    ],
)
def test_filters_narrow_the_rows(client, tracker, query, expected):
    got = set(rows_of(client.get(f"{tracker.url}?{query}")))
    wanted = {"stuck": {tracker.stuck.pk}, "project": {tracker.project.pk}}
    assert got == wanted.get(expected, {tracker.stuck.pk, tracker.project.pk})


def test_csv_download_has_the_rows_with_formula_text_behind_a_quote(client, tracker):
    response = client.get(tracker.url + "?export=csv&rag=red")
    assert response["Content-Disposition"].startswith('attachment; filename="tracker-class-of-2024')
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert header[0] == "Project" and header[-2] == "RAG status"
    assert len(rows) == 1
    assert rows[0][0] == "'" + HOSTILE_TITLE
    assert rows[0][header.index("Days in review")] == "21"
    assert not [cell for row in rows for cell in row if would_run(cell)]


def test_xlsx_download_keeps_formula_text_as_a_text_cell(client, tracker):
    response = client.get(tracker.url + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert HOSTILE_TITLE in [cell.value for cell in cells]
    assert not [cell for cell in cells if cell.data_type == "f"]


def test_an_unknown_cohort_is_not_found(client, tracker):
    assert client.get(reverse("tracker", args=[999999])).status_code == 404
