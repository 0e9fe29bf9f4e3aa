"""Every kind of bad record is reported with its location, and nothing at all is written."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model

from wagtail.models import Page, Revision

import pytest

from cohorts.models import CohortIndexPage, Fellow, Mentor
from projects.models import Theme
from records.importers import ImportValidationError, import_document
from tests.factories import CohortPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small.json"


def document():
    return json.loads(SMALL.read_text())


def site_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "fellows": Fellow.objects.count(),
        "mentors": Mentor.objects.count(),
        "themes": Theme.objects.count(),
        "users": get_user_model().objects.count(),
    }


def rejected(doc):
    """Import ``doc``, expecting failure; return the errors after checking nothing was written."""
    before = site_counts()
    with pytest.raises(ImportValidationError) as raised:
        import_document(doc)
    assert site_counts() == before
    return raised.value.errors


def project(doc, index=0):
    return doc["cohorts"][0]["projects"][index]


def set_confidence(doc):
    project(doc)["findings"][0]["confidence"] = "high"


def set_year_text(doc):
    doc["cohorts"][0]["year"] = "2023"


def set_year_range(doc):
    doc["cohorts"][0]["year"] = 1999


def drop_title(doc):
    del project(doc)["title"]


def add_unknown_key(doc):
    project(doc)["colour"] = "blue"


def unknown_fellow(doc):
    project(doc)["fellows"] = ["sam-okafor", "nobody-here"]


def fellow_of_other_cohort(doc):
    doc["cohorts"].append(
        {
            "slug": "class-of-2024",
            "title": "Class of 2024",
            "year": 2024,
            "fellows": [{"slug": "aisha-begum", "name": "Aisha Begum"}],
        }
    )
    project(doc)["fellows"] = ["aisha-begum"]


def unknown_mentor(doc):
    project(doc)["mentors"] = ["someone@example.org"]


def unknown_session_project(doc):
    doc["events"][0]["sessions"][0]["projects"] = ["no-such-project"]


def duplicate_fellow(doc):
    doc["cohorts"][0]["fellows"].append({"slug": "sam-okafor", "name": "Another Sam"})


def duplicate_project(doc):
    project(doc, 1)["slug"] = "letters-that-do-no-harm"


def duplicate_theme(doc):
    doc["themes"].append({"name": "BELONGING"})


def dates_out_of_order(doc):
    project(doc)["end_date"] = "2023-01-01"


def bad_date(doc):
    doc["events"][0]["start_date"] = "2024-02-30"


def date_in_words(doc):
    doc["events"][0]["sessions"][0]["date"] = "5 March 2024"


def javascript_link(doc):
    project(doc)["links"][0]["url"] = "javascript:alert(1)"


def ftp_recording(doc):
    doc["events"][0]["sessions"][0]["recording_url"] = "ftp://example.org/talk.mp4"


def long_title(doc):
    project(doc)["title"] = "x" * 256


def long_summary(doc):
    project(doc)["summary"] = "x" * 601


def bad_email(doc):
    doc["mentors"][0]["email"] = "not-an-email"
    project(doc)["mentors"] = []


def bad_place(doc):
    project(doc)["places"] = ["Leeds", "York"]


def bad_status(doc):
    project(doc)["status"] = "In progress"


def live_as_text(doc):
    project(doc)["live"] = "no"


def no_fellows(doc):
    project(doc)["fellows"] = []


def theme_with_comma(doc):
    project(doc)["themes"] = ["Trauma, resilience"]


def sessions_not_a_list(doc):
    doc["events"][0]["sessions"] = {"title": "Keynote"}


def finding_as_text(doc):
    project(doc)["findings"][1] = "Threatening phrases were remembered."


@pytest.mark.parametrize(
    "spoil, expected",
    [
        (
            set_confidence,
            "cohorts[0].projects[0].findings[0].confidence: 'high' is not one of emerging, "
            "moderate, strong",
        ),
        (set_year_text, "cohorts[0].year: must be a whole number, not '2023'"),
        (set_year_range, "cohorts[0].year: 1999 is outside 2000-2100"),
        (drop_title, "cohorts[0].projects[0].title: is required for a project"),
        (
            add_unknown_key,
            "cohorts[0].projects[0].colour: unknown field for a project; expected one of slug, "
            "title, summary, fellows, mentors, places, status, start_date, end_date, themes, "
            "content_note, sections, findings, links, live, milestones, follow_ups",
        ),
        (
            unknown_fellow,
            "cohorts[0].projects[0].fellows: 'nobody-here' is not a fellow of the cohort "
            "'class-of-2023'",
        ),
        (
            fellow_of_other_cohort,
            "cohorts[0].projects[0].fellows: 'aisha-begum' is not a fellow of the cohort "
            "'class-of-2023'",
        ),
        (
            unknown_mentor,
            "cohorts[0].projects[0].mentors: 'someone@example.org' is not a mentor listed in this "
            "file or on the site",
        ),
        (
            unknown_session_project,
            "events[0].sessions[0].projects: 'no-such-project' is not a project in this file or "
            "on the site",
        ),
        (
            duplicate_fellow,
            "cohorts[0].fellows[2].slug: 'sam-okafor' is used by another fellow in this file "
            "(first at cohorts[0].fellows[0].slug)",
        ),
        (
            duplicate_project,
            "cohorts[0].projects[1].slug: 'letters-that-do-no-harm' is used by another project in "
            "this file (first at cohorts[0].projects[0].slug)",
        ),
        (
            duplicate_theme,
            "themes[2].name: 'BELONGING' is used by another theme in this file (first at "
            "themes[0].name)",
        ),
        (
            dates_out_of_order,
            "cohorts[0].projects[0].end_date: 2023-01-01 is before the start date 2023-02-01",
        ),
        (bad_date, "events[0].start_date: '2024-02-30' is not a date in the form YYYY-MM-DD"),
        (
            date_in_words,
            "events[0].sessions[0].date: '5 March 2024' is not a date in the form YYYY-MM-DD",
        ),
        (
            javascript_link,
            "cohorts[0].projects[0].links[0].url: 'javascript:alert(1)' is not a web address "
            "starting with http:// or https://",
        ),
        (
            ftp_recording,
            "events[0].sessions[0].recording_url: 'ftp://example.org/talk.mp4' is not a web "
            "address starting with http:// or https://",
        ),
        (long_title, "cohorts[0].projects[0].title: is 256 characters long; the limit is 255"),
        (long_summary, "cohorts[0].projects[0].summary: is 601 characters long; the limit is 600"),
        (bad_email, "mentors[0].email: 'not-an-email' is not a valid email address"),
        (
            bad_place,
            "cohorts[0].projects[0].places[1]: 'York' is not one of Bradford, Calderdale, "
            "Kirklees, Leeds, Wakefield, West Yorkshire",
        ),
        (
            bad_status,
            "cohorts[0].projects[0].status: 'In progress' is not one of proposed, in_progress, "
            "writing_up, complete",
        ),
        (live_as_text, "cohorts[0].projects[0].live: must be true or false, not 'no'"),
        (no_fellows, "cohorts[0].projects[0].fellows: must list at least one fellow"),
        (
            theme_with_comma,
            "cohorts[0].projects[0].themes[0]: 'Trauma, resilience' contains a comma; theme names "
            "cannot include commas",
        ),
        (sessions_not_a_list, "events[0].sessions: must be a list, not an object"),
        (
            finding_as_text,
            "cohorts[0].projects[0].findings[1]: each finding must be an object, not "
            "'Threatening phrases were remembered.'",
        ),
    ],
)
def test_bad_record_is_reported_with_its_location_and_nothing_is_written(spoil, expected):
    doc = document()
    spoil(doc)
    assert rejected(doc) == [expected]


def test_every_problem_in_the_file_is_listed_at_once():
    doc = document()
    set_confidence(doc)
    bad_email(doc)
    unknown_mentor(doc)
    doc["surprise"] = True
    errors = rejected(doc)
    assert len(errors) == 4
    assert errors[0].startswith("surprise: unknown section")
    assert "mentors[0].email: 'not-an-email' is not a valid email address" in errors


def test_a_record_with_a_bad_field_still_has_its_references_checked():
    doc = document()
    project(doc)["status"] = "done"
    project(doc)["fellows"] = ["nobody-here"]
    errors = rejected(doc)
    assert any(e.startswith("cohorts[0].projects[0].status:") for e in errors)
    assert any(e.startswith("cohorts[0].projects[0].fellows: 'nobody-here'") for e in errors)


def test_wrong_format_and_unknown_sections_are_rejected():
    errors = rejected({"format": "fellowship-import/2", "cohort": []})
    assert errors == [
        "cohort: unknown section; expected one of format, themes, mentors, cohorts, events",
        "format: must be 'fellowship-import/1' (found 'fellowship-import/2')",
    ]


def test_a_document_that_is_not_an_object_is_rejected():
    assert rejected([]) == ["document: the document must be an object, not a list"]


def test_project_slug_used_by_a_project_in_another_cohort_is_rejected():
    other = CohortPageFactory(title="Class of 2019", slug="class-of-2019", year=2019)
    ProjectPageFactory(parent=other, slug="letters-that-do-no-harm", title="Older letters")
    assert rejected(document()) == [
        "cohorts[0].projects[0].slug: 'letters-that-do-no-harm' is already the address of the "
        "project 'Older letters' in Class of 2019"
    ]


def test_fellow_email_that_is_another_fellows_login_is_rejected():
    import_document(document())
    doc = document()
    doc["cohorts"][0]["fellows"][1]["email"] = "sam@example.org"
    doc["cohorts"][0]["fellows"][0]["email"] = ""
    assert rejected(doc) == [
        "cohorts[0].fellows[1].email: 'sam@example.org' is already the login of another fellow "
        "('sam-okafor')"
    ]


def test_a_crash_part_way_through_writing_leaves_nothing_behind():
    before = site_counts()

    def fail_after_first_project(kind, done, total):
        if kind == "projects":
            raise RuntimeError("the worker stopped")

    with pytest.raises(RuntimeError):
        import_document(document(), progress=fail_after_first_project)
    assert site_counts() == before


def test_project_slug_used_by_another_kind_of_page_in_its_cohort_is_rejected():
    cohort = CohortPageFactory(title="Class of 2023", slug="class-of-2023", year=2023)
    cohort.add_child(instance=Page(title="About these letters", slug="letters-that-do-no-harm"))
    assert rejected(document()) == [
        "cohorts[0].projects[0].slug: 'letters-that-do-no-harm' is already the address of the "
        "page 'About these letters', which is not a project"
    ]


def test_cohort_slug_used_by_another_kind_of_page_is_rejected():
    index = CohortIndexPage.objects.get()
    index.add_child(instance=Page(title="How cohorts work", slug="class-of-2023"))
    assert rejected(document()) == [
        "cohorts[0].slug: 'class-of-2023' is already the address of the page 'How cohorts work', "
        "which is not a cohort"
    ]


def test_long_bad_values_are_shortened_in_the_message():
    doc = document()
    project(doc)["status"] = "complete " * 1000
    [error] = rejected(doc)
    assert error.startswith("cohorts[0].projects[0].status: 'complete complete")
    assert len(error) < 250
