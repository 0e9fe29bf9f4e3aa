"""Milestones in the import format: a cohort's template and a project's milestones go in and come
out again; a file without them leaves the site's alone; bad ones are listed and nothing is written."""

import copy
import json
from pathlib import Path

import pytest

from projects.models import ProjectPage
from records.exporters import export_document
from records.importers import ImportValidationError, import_document
from tracking.models import Milestone, MilestoneTemplate

pytestmark = pytest.mark.django_db

SMALL = json.loads((Path(__file__).parent / "data" / "small.json").read_text())
TEMPLATE = [
    {"name": "Proposal agreed", "due_date": "2023-02-10"},
    {"name": "First draft to mentor", "due_date": "2023-09-29"},
]
MILESTONES = [
    {"name": "Proposal agreed", "due_date": "2023-02-10", "done_on": "2023-02-08", "note": "Done."},
    {"name": "First draft to mentor", "due_date": "2023-10-13"},
]


def with_milestones():
    document = copy.deepcopy(SMALL)
    cohort = document["cohorts"][0]
    cohort["milestone_templates"] = TEMPLATE
    cohort["projects"][0]["milestones"] = MILESTONES
    return document


def test_milestones_are_imported_and_exported_as_they_were_given():
    report = import_document(with_milestones())
    assert report.counts["milestone templates"]["created"] == 2
    letters = ProjectPage.objects.get(slug="letters-that-do-no-harm")
    got = list(letters.milestones.values_list("name", "due_date", "done_on", "note"))
    assert [(n, d.isoformat(), o and o.isoformat(), t) for n, d, o, t in got] == [
        ("Proposal agreed", "2023-02-10", "2023-02-08", "Done."),
        ("First draft to mentor", "2023-10-13", None, ""),
    ]
    # The other project named none, so it has its cohort's template, as if made in the admin.
    other = ProjectPage.objects.get(slug="can-zero-tolerance-be-trauma-aware")
    assert sorted(other.milestones.values_list("name", flat=True)) == sorted(
        t["name"] for t in TEMPLATE
    )
    exported = export_document()["cohorts"][0]
    assert exported["milestone_templates"] == TEMPLATE
    assert exported["projects"][0]["milestones"] == MILESTONES
    assert not import_document(export_document()).changed


def test_a_file_without_milestones_leaves_the_sites_alone():
    import_document(with_milestones())
    Milestone.objects.filter(name="First draft to mentor").update(due_date="2023-11-30")
    report = import_document(copy.deepcopy(SMALL))
    assert not report.changed
    assert Milestone.objects.filter(due_date="2023-11-30").count() == 2
    assert MilestoneTemplate.objects.count() == 2


def test_a_milestone_left_out_of_a_project_in_the_file_is_removed():
    import_document(with_milestones())
    document = with_milestones()
    document["cohorts"][0]["projects"][0]["milestones"] = MILESTONES[:1]
    report = import_document(document)
    assert report.counts["milestones"]["removed"] == 1
    letters = ProjectPage.objects.get(slug="letters-that-do-no-harm")
    assert list(letters.milestones.values_list("name", flat=True)) == ["Proposal agreed"]


def test_bad_milestones_are_each_listed_and_nothing_is_written():
    document = with_milestones()
    document["cohorts"][0]["milestone_templates"] = [
        {"name": "Proposal agreed", "due_date": "2023-02-30"},
        {"name": "proposal agreed", "due_date": "2023-03-01"},
    ]
    document["cohorts"][0]["projects"][0]["milestones"] = [{"due_date": "soon", "colour": "red"}]
    with pytest.raises(ImportValidationError) as raised:
        import_document(document)
    errors = "\n".join(raised.value.errors)
    assert "cohorts[0].milestone_templates[0].due_date" in errors
    assert "cohorts[0].milestone_templates[1].name: 'proposal agreed' is named twice" in errors
    assert "cohorts[0].projects[0].milestones[0].name: is required" in errors
    assert "cohorts[0].projects[0].milestones[0].due_date" in errors
    assert "cohorts[0].projects[0].milestones[0].colour: unknown field" in errors
    assert not ProjectPage.objects.exists() and not MilestoneTemplate.objects.exists()
