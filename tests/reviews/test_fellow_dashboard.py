"""A fellow's guided path: "Your projects" on the dashboard, the mentor's reason as a banner in
the editor, and a status panel that names the right people."""

import re

from django.urls import reverse

from wagtail.models import TaskState

import pytest

from reviews import fellow_projects
from tests.reviews.helpers import action_url, edit_url, login_as, project_form_data

REASON = "Please add a content note: the write-up discusses neglect."


def dashboard(client, people, role="listed_fellow"):
    login_as(client, people, role)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def your_projects(html):
    match = re.search(r'<section[^>]*id="your-projects.*?</section>', html, re.S)
    return match.group(0) if match else ""


def request_changes(client, people, project, workflow, reason=REASON):
    state = workflow.start(project, people.users["listed_fellow"])
    login_as(client, people, "assigned_mentor")
    response = client.post(
        action_url(project, "reject", state.current_task_state), {"comment": reason}
    )
    assert response.status_code == 302
    client.logout()
    return state


def test_fellow_dashboard_lists_their_draft_with_what_to_do_next(client, people):
    project = people.project()
    panel = your_projects(dashboard(client, people))
    assert project.title in panel
    assert edit_url(project) in panel
    assert fellow_projects.DRAFT in panel
    assert "submit it to your mentor" in panel


def test_fellow_dashboard_shows_the_project_with_the_named_mentor(client, people, workflow):
    project = people.project()
    workflow.start(project, people.users["listed_fellow"])
    panel = your_projects(dashboard(client, people))
    assert fellow_projects.WITH_MENTOR in panel
    assert "Dev Assigned will approve it or ask for changes" in panel


def test_fellow_dashboard_shows_changes_requested_with_the_mentors_reason(client, people, workflow):
    project = people.project()
    request_changes(client, people, project, workflow)
    panel = your_projects(dashboard(client, people))
    assert fellow_projects.CHANGES_REQUESTED in panel
    assert "Dev Assigned" in panel
    assert "Please add a content note" in panel


def test_fellow_dashboard_shows_a_project_approved_and_awaiting_publication(
    client, people, workflow
):
    project = people.project()
    state = workflow.start(project, people.users["listed_fellow"])
    state.current_task_state.approve(user=people.users["assigned_mentor"])
    panel = your_projects(dashboard(client, people))
    assert "Approved, awaiting publication" in panel
    assert "The programme team" in panel


def test_fellow_dashboard_shows_a_published_project_with_its_link(client, people):
    project = people.project(live=True)
    project.save_revision(user=people.users["listed_fellow"]).publish()
    panel = your_projects(dashboard(client, people))
    assert fellow_projects.PUBLISHED in panel
    assert project.url in panel


def test_fellow_dashboard_does_not_list_a_colleagues_project(client, people):
    project = people.project()
    assert project.title not in your_projects(dashboard(client, people, "same_cohort_fellow"))
    assert "You have no projects yet" in dashboard(client, people, "same_cohort_fellow")


@pytest.mark.parametrize("role", ["assigned_mentor", "programme_team", "superuser"])
def test_only_fellows_have_the_your_projects_panel(client, people, role):
    people.project()
    assert your_projects(dashboard(client, people, role)) == ""


def test_fellow_sees_the_mentors_reason_as_a_banner_at_the_top_of_the_editor(
    client, people, workflow
):
    project = people.project()
    request_changes(client, people, project, workflow)
    login_as(client, people, "listed_fellow")
    html = client.get(edit_url(project)).content.decode()
    banner = html.index("data-editor-notice")
    assert REASON in html[banner:]
    assert "Dev Assigned asked for changes on" in html[banner:]
    # Above the form's first field.
    assert banner < html.index('name="title"')


def test_no_banner_before_changes_are_requested_or_after_resubmitting(client, people, workflow):
    project = people.project()
    login_as(client, people, "listed_fellow")
    assert "data-editor-notice" not in client.get(edit_url(project)).content.decode()
    request_changes(client, people, project, workflow)
    login_as(client, people, "listed_fellow")
    data = project_form_data(project, **{"action-submit": "submit"})
    assert client.post(edit_url(project), data).status_code == 302
    assert project.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert "data-editor-notice" not in client.get(edit_url(project)).content.decode()


def test_reviewing_mentor_does_not_get_the_fellows_banner(client, people, workflow):
    project = people.project()
    request_changes(client, people, project, workflow)
    assert fellow_projects.change_request(project) is not None
    login_as(client, people, "programme_team")
    assert "data-editor-notice" not in client.get(edit_url(project)).content.decode()


def test_status_panel_names_the_mentor_who_requested_changes_not_the_fellow(
    client, people, workflow
):
    project = people.project()
    request_changes(client, people, project, workflow)
    login_as(client, people, "listed_fellow")
    html = client.get(edit_url(project)).content.decode()
    heading = re.search(r'w-dialog__message-heading">([^<]*)<', html).group(1)
    assert "Changes requested" in heading
    assert "by Dev Assigned" in heading
    assert "listed_fellow" not in heading and "Ada Listed" not in heading


def test_status_panel_tells_the_fellow_who_can_edit_instead_of_anyone(client, people):
    project = people.project()
    login_as(client, people, "listed_fellow")
    html = client.get(edit_url(project)).content.decode()
    assert "Anyone can edit" not in html
    assert "Only the fellows on this project and the programme team can edit it." in html


def test_status_panel_does_not_tell_the_reviewing_mentor_anyone_can_edit(client, people, workflow):
    project = people.project()
    workflow.start(project, people.users["listed_fellow"])
    login_as(client, people, "assigned_mentor")
    assert "Anyone can edit" not in client.get(edit_url(project)).content.decode()


def test_programme_team_keeps_wagtails_locking_status(client, people):
    project = people.project()
    login_as(client, people, "programme_team")
    assert "Anyone can edit this page" in client.get(edit_url(project)).content.decode()
