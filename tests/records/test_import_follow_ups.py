"""Follow-ups in the import format: requests, answers, their review and the public parts go in and
come out again; a file without them leaves the site's alone; bad ones are each listed with where
they are, and nothing is written."""

import copy
import json
from pathlib import Path

import pytest

from impact.models import FollowUp, FollowUpStatus
from records.exporters import export_document, export_path
from records.importers import ImportValidationError, import_document, load_path
from tests.records.test_export import empty_the_site

pytestmark = pytest.mark.django_db

SMALL = json.loads((Path(__file__).parent / "data" / "small.json").read_text())
REVIEWED = {
    "fellow": "sam-okafor",
    "months": 12,
    "due_on": "2024-11-30",
    "sent_at": "2024-11-30T08:00:00+00:00",
    "status": "reviewed",
    "answered_at": "2024-12-09T15:30:00+00:00",
    "practice_change": "Two teams rewrote their first letters.",
    "policy_change": "Kept back: the policy is not agreed yet.",
    "people_reached": 400,
    "reach": "Families written to in Leeds.",
    "evidence_links": ["https://example.org/letters", "https://example.org/report"],
    "public": ["practice_change", "reach"],
    "reviewed_at": "2024-12-12T10:00:00+00:00",
}
WAITING = {
    "fellow": "sam-okafor",
    "months": 6,
    "due_on": "2024-05-30",
    "sent_at": "2024-05-30T08:00:00+00:00",
    "status": "awaiting_answer",
}
MILESTONE_TEMPLATE = [{"name": "Proposal agreed", "due_date": "2023-02-10"}]
MILESTONES = [
    {"name": "Proposal agreed", "due_date": "2023-02-10", "done_on": "2023-02-08", "note": "Done."},
    {"name": "Ethics approval", "due_date": "2023-04-28", "note": "Waiting; see the; minutes"},
    {"name": "First draft to mentor", "due_date": "2023-10-13"},
]


def with_follow_ups(*items):
    document = copy.deepcopy(SMALL)
    document["cohorts"][0]["projects"][0]["follow_ups"] = [copy.deepcopy(i) for i in items]
    return document


def test_follow_ups_are_imported_with_their_review_and_public_parts():
    report = import_document(with_follow_ups(REVIEWED, WAITING))
    assert report.counts["follow-ups"]["created"] == 2
    item = FollowUp.objects.get(months=12)
    assert item.fellow.slug == "sam-okafor"
    assert item.status == FollowUpStatus.REVIEWED
    assert item.people_reached == 400
    assert item.evidence_links == "https://example.org/letters\nhttps://example.org/report"
    assert [label for label, _field, _value in item.public_parts()] == [
        "Changes to practice",
        "People or services reached",
    ]
    assert f"{item.answered_at:%Y-%m-%d %H:%M}" == "2024-12-09 15:30"
    assert FollowUp.objects.get(months=6).status == FollowUpStatus.AWAITING_ANSWER


def test_a_reviewed_imported_answer_shows_its_public_parts_on_the_project_page(client, site):
    import_document(with_follow_ups(REVIEWED))
    from projects.models import ProjectPage

    # Past the project's content note, where the write-up is.
    page = client.get(ProjectPage.objects.get(slug="letters-that-do-no-harm").url + "?continue=1")
    body = page.content.decode()
    assert "What happened next" in body
    assert "Two teams rewrote their first letters." in body
    assert "Kept back" not in body


def test_export_then_reimport_changes_no_follow_up():
    import_document(with_follow_ups(REVIEWED, WAITING))
    exported = export_document()
    assert exported["cohorts"][0]["projects"][0]["follow_ups"] == [WAITING, REVIEWED]
    assert not import_document(copy.deepcopy(exported)).changed


@pytest.mark.parametrize("extension", [".json", ".xlsx"])
def test_export_then_import_into_an_empty_site_gives_the_same_follow_ups(tmp_path, extension):
    document = with_follow_ups(REVIEWED, WAITING)
    document["cohorts"][0]["milestone_templates"] = MILESTONE_TEMPLATE
    document["cohorts"][0]["projects"][1]["milestones"] = MILESTONES
    import_document(document)
    first = export_document()
    path = tmp_path / f"export{extension}"
    export_path(path)

    empty_the_site()
    assert not FollowUp.objects.exists()
    report = import_document(load_path(path))
    assert report.counts["follow-ups"]["created"] == 2
    assert export_document() == first
    # And a second import of the same file changes nothing.
    assert not import_document(load_path(path)).changed


def test_a_file_without_follow_ups_leaves_the_sites_alone():
    import_document(with_follow_ups(REVIEWED))
    report = import_document(copy.deepcopy(SMALL))
    assert not report.changed
    assert FollowUp.objects.get().practice_change == REVIEWED["practice_change"]


def test_a_follow_up_the_file_does_not_name_is_kept():
    import_document(with_follow_ups(REVIEWED, WAITING))
    report = import_document(with_follow_ups(WAITING))
    assert report.counts["follow-ups"]["unchanged"] == 1
    assert FollowUp.objects.count() == 2


def test_a_corrected_file_updates_the_follow_up_in_place():
    import_document(with_follow_ups(REVIEWED))
    changed = dict(REVIEWED, public=["practice_change", "policy_change"])
    report = import_document(with_follow_ups(changed))
    assert report.counts["follow-ups"]["updated"] == 1
    item = FollowUp.objects.get()
    assert item.public_policy_change and not item.public_reach


def test_unreviewing_an_answer_in_the_file_takes_it_off_the_public_page():
    import_document(with_follow_ups(REVIEWED))
    waiting = {k: v for k, v in REVIEWED.items() if k != "reviewed_at"}
    import_document(with_follow_ups(dict(waiting, status="awaiting_review")))
    assert not FollowUp.objects.public().exists()


def test_bad_follow_ups_are_each_listed_with_their_place_and_nothing_is_written():
    bad = [
        dict(REVIEWED, fellow="rachel-dunmore"),
        dict(REVIEWED, months=0, due_on="2024-02-30"),
        dict(WAITING, months=72, answered_at="yesterday", status="done"),
        dict(WAITING, months=60, answered_at="2024-06-01T10:00:00+00:00"),
        dict(REVIEWED, months=6, answered_at=None, public=["secrets"]),
        dict(REVIEWED, months=24, evidence_links=["javascript:alert(1)"], people_reached=-3),
        dict(REVIEWED, months=36, status="awaiting_review"),
        dict(WAITING, months=48, colour="blue"),
    ]
    with pytest.raises(ImportValidationError) as caught:
        import_document(with_follow_ups(*bad, WAITING))
    errors = "\n".join(caught.value.errors)
    where = "cohorts[0].projects[0].follow_ups"
    expected = [
        f"{where}[0].fellow: 'rachel-dunmore' is not one of this project's fellows (sam-okafor)",
        f"{where}[1].months: 0 is not a number of months from 1 to 120",
        f"{where}[1].due_on: '2024-02-30' is not a date in the form YYYY-MM-DD",
        f"{where}[2].answered_at: 'yesterday' is not a date and time",
        f"{where}[2].status: 'done' is not one of awaiting_answer, awaiting_review, reviewed",
        f"{where}[3].answered_at: is given, but the status is awaiting_answer",
        f"{where}[4].answered_at: is required when the status is reviewed",
        f"{where}[4].public[0]: 'secrets' is not one of practice_change",
        f"{where}[5].evidence_links[0]: 'javascript:alert(1)' is not a web address",
        f"{where}[5].people_reached: -3 is not a number of people or records",
        f"{where}[6].reviewed_at: is given, but the status is awaiting_review, not reviewed",
        f"{where}[7].colour: unknown field for a follow_up",
        f"{where}[8].months: 'sam-okafor' has two 6-month follow-ups on this project",
    ]
    for message in expected:
        assert message in errors
    assert len(caught.value.errors) == len(expected)
    assert not FollowUp.objects.exists()
    from projects.models import ProjectPage

    assert not ProjectPage.objects.exists()


def test_a_follow_up_that_is_not_an_object_or_a_list_is_refused_plainly():
    document = copy.deepcopy(SMALL)
    document["cohorts"][0]["projects"][0]["follow_ups"] = "every year"
    with pytest.raises(ImportValidationError) as caught:
        import_document(document)
    assert caught.value.errors == [
        "cohorts[0].projects[0].follow_ups: must be a list, not 'every year'"
    ]


def test_a_dry_run_counts_follow_ups_and_writes_nothing():
    report = import_document(with_follow_ups(REVIEWED, WAITING), dry_run=True)
    assert report.counts["follow-ups"]["created"] == 2
    assert "follow-ups:" in report.summary()
    assert not FollowUp.objects.exists()


def test_an_imported_follow_up_is_emailed_only_if_unsent_and_unanswered():
    from datetime import date

    from django.core import mail

    from cohorts.models import Fellow
    from impact.follow_ups import send_due_follow_ups

    unsent_answer = {k: v for k, v in REVIEWED.items() if k != "sent_at"}
    unsent_question = {k: v for k, v in WAITING.items() if k != "sent_at"}
    import_document(with_follow_ups(unsent_answer, unsent_question))
    Fellow.objects.filter(slug="sam-okafor").update(email="sam@example.org")
    report = send_due_follow_ups(today=date(2025, 1, 1))
    assert [item.months for item in report.sent] == [6]
    assert len(mail.outbox) == 1
    assert FollowUp.objects.get(months=12).sent_at is None
