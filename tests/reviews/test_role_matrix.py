"""Every role against every action, through real requests to the Wagtail admin.

Each action reports whether its effect happened (a page created, saved, published, moved, a task
actioned...) and the response, so a refused request that still changed something fails as surely
as an allowed request that did nothing, and a refusal must also say so.
"""

from django.urls import reverse

from wagtail.models import Page, TaskState

import pytest

from projects.models import ProjectPage
from tests.reviews.helpers import (
    ROLES,
    action_url,
    add_url,
    edit_url,
    login_as,
    project_form_data,
)
from trash.deleted_items import is_in_bin

EVERYONE_SIGNED_IN = set(ROLES) - {"anonymous"}
ALL_FELLOWS = {"listed_fellow", "same_cohort_fellow", "other_cohort_fellow"}
TEAM = {"programme_team", "superuser"}

ALLOWED = {
    "open_the_admin": EVERYONE_SIGNED_IN,
    "add_a_project_under_own_cohort": ALL_FELLOWS | TEAM,
    "add_a_project_under_another_cohort": TEAM,
    "open_the_editor": {"listed_fellow"} | TEAM,
    "save_a_draft": {"listed_fellow"} | TEAM,
    "publish": TEAM,
    "unpublish": TEAM,
    "delete": TEAM,
    "move": TEAM,
    "copy": TEAM,
    "approve_at_mentor_review": {"assigned_mentor", "superuser"},
    "request_changes_at_mentor_review": {"assigned_mentor", "superuser"},
    "approve_at_programme_sign_off": TEAM,
}


def refused(response, role):
    """A refusal sends the public to the login page; Wagtail sends anyone else to the dashboard
    with "Sorry, you do not have permission to access this area." (or answers 403)."""
    if role == "anonymous":
        return response.status_code == 302 and "/admin/login/" in response["Location"]
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def open_the_admin(client, people, role, workflow):
    response = client.get(reverse("wagtailadmin_home"))
    return response.status_code == 200, response


def _add_project(client, people, role, parent):
    # A fellow lists themselves (the form insists); others list a fellow of that cohort.
    fellow = {
        "listed_fellow": people.listed,
        "same_cohort_fellow": people.same_cohort,
        "other_cohort_fellow": people.other_cohort_fellow,
    }.get(role) or parent.fellows.first()
    data = project_form_data(title="A new project", slug="a-new-project", fellows=[fellow])
    response = client.post(add_url(parent), data)
    created = ProjectPage.objects.child_of(parent).filter(slug="a-new-project").exists()
    return created, response


def add_a_project_under_own_cohort(client, people, role, workflow):
    return _add_project(client, people, role, people.own_cohort(role))


def add_a_project_under_another_cohort(client, people, role, workflow):
    return _add_project(client, people, role, people.not_own_cohort(role))


def open_the_editor(client, people, role, workflow):
    project = people.project()
    response = client.get(edit_url(project))
    return response.status_code == 200, response


def save_a_draft(client, people, role, workflow):
    project = people.project()
    data = project_form_data(project, summary="Rewritten by someone.")
    response = client.post(edit_url(project), data)
    saved = ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object()
    changed = saved.summary == "Rewritten by someone."
    return changed, response


def publish(client, people, role, workflow):
    project = people.project()
    data = project_form_data(project, summary="Published text.", **{"action-publish": "publish"})
    response = client.post(edit_url(project), data)
    assert response.status_code < 500
    project.refresh_from_db()
    return project.live and project.summary == "Published text.", response


def unpublish(client, people, role, workflow):
    project = people.project(live=True)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[project.pk]))
    project.refresh_from_db()
    return not project.live, response


def delete(client, people, role, workflow):
    # A draft the fellow owns: plain Wagtail lets an owner with "add" delete their own drafts.
    project = people.project()
    response = client.post(reverse("wagtailadmin_pages:delete", args=[project.pk]))
    # A deleted project waits in Deleted items, where the programme team can restore it.
    page = Page.objects.filter(pk=project.pk).first()
    gone = page is None or is_in_bin(page)
    return gone, response


def move(client, people, role, workflow):
    project = people.project()
    url = reverse("wagtailadmin_pages:move_confirm", args=[project.pk, people.other_cohort.pk])
    response = client.post(url)
    moved = Page.objects.get(pk=project.pk).get_parent().pk == people.other_cohort.pk
    return moved, response


def copy(client, people, role, workflow):
    project = people.project()
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[project.pk]),
        {
            "new_title": "A copied project",
            "new_slug": "a-copied-project",
            "new_parent_page": str(people.cohort.pk),
        },
    )
    copied = ProjectPage.objects.filter(slug="a-copied-project").exists()
    return copied, response


def _in_review(people, workflow, at_sign_off=False):
    project = people.project()
    state = workflow.start(project, people.users["listed_fellow"])
    if at_sign_off:
        state.current_task_state.specific.approve(user=people.users["assigned_mentor"])
        state.refresh_from_db()
    return project, state.current_task_state


def _act(client, role, project, task_state, action, data):
    response = client.post(action_url(project, action, task_state), data)
    assert response.status_code < 500
    task_state.refresh_from_db()
    return response


def approve_at_mentor_review(client, people, role, workflow):
    project, task_state = _in_review(people, workflow)
    response = _act(client, role, project, task_state, "approve", {"comment": ""})
    return task_state.status == TaskState.STATUS_APPROVED, response


def request_changes_at_mentor_review(client, people, role, workflow):
    project, task_state = _in_review(people, workflow)
    response = _act(client, role, project, task_state, "reject", {"comment": "Add a content note."})
    return task_state.status == TaskState.STATUS_REJECTED, response


def approve_at_programme_sign_off(client, people, role, workflow):
    project, task_state = _in_review(people, workflow, at_sign_off=True)
    response = _act(client, role, project, task_state, "approve", {"comment": ""})
    project.refresh_from_db()
    approved = task_state.status == TaskState.STATUS_APPROVED
    assert approved == project.live
    return approved, response


ACTIONS = {
    function.__name__: function
    for function in [
        open_the_admin,
        add_a_project_under_own_cohort,
        add_a_project_under_another_cohort,
        open_the_editor,
        save_a_draft,
        publish,
        unpublish,
        delete,
        move,
        copy,
        approve_at_mentor_review,
        request_changes_at_mentor_review,
        approve_at_programme_sign_off,
    ]
}
# Where a refused request answers with a refusal, not just by doing nothing: Wagtail ignores a
# publish or a workflow action it does not allow and shows the editor again.
REFUSED_OPENLY = {
    "add_a_project_under_own_cohort",
    "add_a_project_under_another_cohort",
    "open_the_editor",
    "save_a_draft",
    "unpublish",
    "delete",
    "move",
    "copy",
}
CASES = [
    pytest.param(
        role,
        action,
        role in ALLOWED[action],
        id=f"{role}-{'can' if role in ALLOWED[action] else 'cannot'}-{action}",
    )
    for action in ACTIONS
    for role in ROLES
]


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_role_permission_matrix(client, people, workflow, role, action, allowed):
    login_as(client, people, role)
    happened, response = ACTIONS[action](client, people, role, workflow)

    assert happened is allowed
    if not allowed and action in REFUSED_OPENLY:
        assert refused(response, role), response.status_code
