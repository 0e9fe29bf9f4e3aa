"""The review page says what changed since the last review, field by field, on the page itself."""

import re

from django.urls import reverse

import pytest

from projects.models import Finding

REASON = "Say which schools took part, and drop the finding on attendance."


@pytest.fixture
def resubmitted(people, workflow):
    """A project sent back once with a reason, then edited and resubmitted by its fellow."""
    fellow = people.users["listed_fellow"]
    project = people.project(summary="Letters to families were rewritten.")
    project.findings = [
        Finding(headline="Warm letters reduced missed appointments.", confidence="moderate"),
        Finding(headline="Attendance rose in the spring term.", confidence="emerging"),
        Finding(headline="Staff liked the new letters.", confidence="emerging"),
    ]
    project.save()
    project.save_revision(user=fellow)
    workflow.start(project, fellow)
    project.refresh_from_db()
    project.current_workflow_task_state.specific.reject(
        user=people.users["assigned_mentor"], comment=REASON
    )
    project = project.get_latest_revision_as_object()
    project.summary = "Letters to families in six Leeds schools were rewritten."
    kept, _attendance, liked = project.findings.all()
    kept.confidence = "strong"
    project.findings = [
        kept,
        liked,
        Finding(headline="Parents rang the school less often.", confidence="emerging"),
    ]
    # As the editor saves a draft: the new finding is stored, and has an id in the revision.
    project.save()
    project.save_revision(user=fellow)
    project.current_workflow_state.resume(user=fellow)
    project.refresh_from_db()
    return project


def changes_section(client, people, project):
    client.force_login(people.users["assigned_mentor"])
    html = client.get(reverse("review", args=[project.pk])).content.decode()
    section = re.search(r'<section[^>]*aria-labelledby="changes-heading".*?</section>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.group(0)))


def test_review_page_shows_which_texts_changed_with_the_words_added(client, people, resubmitted):
    text = changes_section(client, people, resubmitted)
    assert "Summary" in text
    assert "in six Leeds schools" in text
    assert "Title" not in text  # unchanged fields are left out


def test_review_page_lists_findings_added_removed_and_edited(client, people, resubmitted):
    text = changes_section(client, people, resubmitted)
    assert "Added: “Parents rang the school less often.”" in text
    assert "Removed: “Attendance rose in the spring term.”" in text
    assert "Edited: “Warm letters reduced missed appointments.”" in text
    assert "Confidence" in text and "Strong" in text
    assert "Staff liked the new letters." not in text.replace("Moved: “Staff liked", "")


def test_review_page_still_links_the_side_by_side_comparison(client, people, resubmitted):
    assert "side by side" in changes_section(client, people, resubmitted)
