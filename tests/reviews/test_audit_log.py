"""Wagtail's audit log names who did each thing that matters, and only the programme team reads it.

Every action goes through the admin as a real request, as the people who would take it, and the
log entry it leaves is checked for the action and the person.
"""

from django.urls import reverse

from wagtail.models import ModelLogEntry, PageLogEntry

import pytest

from projects.models import ProjectPage
from tests.factories import FellowFactory, MentorFactory, ProjectPageFactory, ThemeFactory
from tests.reviews.helpers import (
    action_url,
    edit_url,
    login_as,
    project_form_data,
    submit_for_review,
)
from trash.models import DeletedPage

pytestmark = pytest.mark.django_db

SITE_HISTORY_URL = reverse("wagtailadmin_reports:site_history")


def page_entry(page, action):
    return PageLogEntry.objects.filter(page_id=page.pk, action=action).latest("pk")


def act(client, project, action, comment=""):
    task_state = ProjectPage.objects.get(pk=project.pk).current_workflow_task_state
    response = client.post(action_url(project, action, task_state), {"comment": comment})
    assert response.status_code < 400


def test_review_workflow_records_who_submitted_rejected_approved_and_published(client, people):
    project = submit_for_review(client, people)
    fellow = people.users["listed_fellow"]
    mentor = people.users["assigned_mentor"]
    team = people.users["programme_team"]
    assert page_entry(project, "wagtail.workflow.start").user == fellow

    login_as(client, people, "assigned_mentor")
    act(client, project, "reject", "Add a content note.")
    assert page_entry(project, "wagtail.workflow.reject").user == mentor

    login_as(client, people, "listed_fellow")
    data = project_form_data(
        ProjectPage.objects.get(pk=project.pk),
        content_note="Discusses neglect",
        **{"action-submit": "submit"},
    )
    assert client.post(edit_url(project), data).status_code == 302
    assert page_entry(project, "wagtail.workflow.resume").user == fellow

    login_as(client, people, "assigned_mentor")
    act(client, project, "approve", "Ready.")
    login_as(client, people, "programme_team")
    act(client, project, "approve")

    approvals = PageLogEntry.objects.filter(page_id=project.pk, action="wagtail.workflow.approve")
    assert sorted(entry.user.username for entry in approvals) == [
        "assigned_mentor",
        "programme_team",
    ]
    assert page_entry(project, "wagtail.publish").user == team
    assert ProjectPage.objects.get(pk=project.pk).live


def test_publishing_and_unpublishing_record_who_did_it(client, people):
    project = people.project()
    login_as(client, people, "programme_team")

    data = project_form_data(project, **{"action-publish": "publish"})
    client.post(edit_url(project), data)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[project.pk]))

    team = people.users["programme_team"]
    assert page_entry(project, "wagtail.publish").user == team
    assert page_entry(project, "wagtail.unpublish").user == team
    assert not ProjectPage.objects.get(pk=project.pk).live


def test_deleting_and_restoring_a_cohort_record_who_did_it(client, people):
    cohort = people.other_cohort
    login_as(client, people, "programme_team")

    client.post(reverse("wagtailadmin_pages:delete", args=[cohort.pk]))
    login_as(client, people, "superuser")
    deletion = DeletedPage.objects.get(page=cohort)
    client.post(reverse("fellowship_deleted_items_restore", args=[deletion.pk]))

    assert page_entry(cohort, "fellowship.soft_delete").user == people.users["programme_team"]
    assert page_entry(cohort, "fellowship.restore").user == people.users["superuser"]


def test_merging_themes_records_who_merged(client, people):
    keep = ThemeFactory(name="Belonging")
    duplicate = ThemeFactory(name="Belonging and identity")
    ProjectPageFactory(parent=people.cohort, themes=[duplicate])
    login_as(client, people, "programme_team")

    client.post(
        reverse("wagtailsnippets_projects_theme:merge"),
        {"themes": [duplicate.pk], "target": keep.pk, "confirm": "1"},
    )

    entry = ModelLogEntry.objects.get(action="fellowship.theme_merge")
    assert entry.user == people.users["programme_team"]
    assert entry.object_id == str(keep.pk)


@pytest.mark.parametrize(
    ("factory", "url_name"),
    [
        (FellowFactory, "wagtailsnippets_cohorts_fellow:delete"),
        (MentorFactory, "wagtailsnippets_cohorts_mentor:delete"),
    ],
)
def test_deleting_a_fellow_or_mentor_records_who_deleted_it(client, people, factory, url_name):
    record = factory(name="Zoe Leaving")
    login_as(client, people, "programme_team")

    response = client.post(reverse(url_name, args=[record.pk]))

    assert response.status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()
    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(record.pk))
    assert entry.user == people.users["programme_team"]
    assert entry.label.startswith("Zoe Leaving")


def test_site_history_lists_who_did_what_for_the_programme_team(client, people):
    cohort = people.other_cohort
    project = people.project()
    login_as(client, people, "programme_team")
    client.post(edit_url(project), project_form_data(project, **{"action-publish": "publish"}))
    client.post(reverse("wagtailadmin_pages:delete", args=[cohort.pk]))
    FellowFactory(name="Zoe Leaving")

    response = client.get(SITE_HISTORY_URL)

    assert response.status_code == 200
    entries = {(entry.action, entry.user_id) for entry in response.context["object_list"]}
    team = people.users["programme_team"].pk
    assert ("wagtail.publish", team) in entries
    assert ("fellowship.soft_delete", team) in entries
    html = response.content.decode()
    assert "Moved from &#x27;Cohorts&#x27; to Deleted items" in html
    assert "Letters that do no harm" in html


@pytest.mark.parametrize(
    "role", ["listed_fellow", "same_cohort_fellow", "assigned_mentor", "unassigned_mentor"]
)
def test_site_history_is_not_shown_to_fellows_or_mentors(client, people, role):
    people.project()
    login_as(client, people, role)

    response = client.get(SITE_HISTORY_URL)
    results = client.get(reverse("wagtailadmin_reports:site_history_results"))

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert results.status_code == 302
    assert SITE_HISTORY_URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_site_history_asks_the_public_to_sign_in(client, people):
    response = client.get(SITE_HISTORY_URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
