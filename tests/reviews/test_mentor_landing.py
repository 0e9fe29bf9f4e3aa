"""Where a mentor lands after acting on a review: her dashboard, with only the success message."""

from django.urls import reverse

import pytest

from tests.reviews.helpers import action_url, edit_url, project_form_data

DENIED = "Sorry, you do not have permission to access this area."


def act_from_the_editor(client, project, action, comment):
    return client.post(
        edit_url(project),
        project_form_data(
            project,
            **{
                "action-workflow-action": "true",
                "workflow-action-name": action,
                "workflow-action-extra-data": f'{{"comment": "{comment}"}}',
            },
        ),
    )


@pytest.mark.parametrize("action", ["reject", "approve"])
def test_mentor_lands_on_her_dashboard_after_acting_in_the_editor(client, people, workflow, action):
    project = people.project()
    workflow.start(project, people.users["listed_fellow"])
    client.force_login(people.users["assigned_mentor"])
    response = act_from_the_editor(client, project, action, "Shorten the summary.")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    landing = client.get(response["Location"]).content.decode()
    assert DENIED not in landing
    assert project.title in landing


@pytest.mark.parametrize("action", ["reject", "approve"])
def test_mentor_lands_on_her_dashboard_after_acting_from_the_review_dialogue(
    client, people, workflow, action
):
    project = people.project()
    task_state = workflow.start(project, people.users["listed_fellow"]).current_task_state
    client.force_login(people.users["assigned_mentor"])
    response = client.post(
        action_url(project, action, task_state), {"comment": "Shorten the summary."}
    )
    assert response["Location"] == reverse("wagtailadmin_home")
    assert DENIED not in client.get(response["Location"]).content.decode()


def test_programme_team_still_returns_to_the_cohort_after_signing_off(client, people, workflow):
    project = people.project()
    state = workflow.start(project, people.users["listed_fellow"])
    state.current_task_state.specific.approve(user=people.users["assigned_mentor"])
    client.force_login(people.users["programme_team"])
    project.refresh_from_db()
    response = act_from_the_editor(client, project, "approve", "Fine.")
    assert response["Location"] == reverse("wagtailadmin_explore", args=[people.cohort.pk])
