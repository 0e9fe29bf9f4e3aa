"""The project's people: fellows picked by name from the project's cohort, mentors assigned by
the programme team alone, and themes called themes."""

import re

from wagtail.models import Workflow

import pytest

from projects.models import ProjectPage
from tests.factories import FellowFactory, MentorFactory
from tests.reviews.helpers import add_url, edit_url, login_as, project_form_data


@pytest.fixture
def workflow(db):
    return Workflow.objects.get(name="Project review")


def editor(client, people, role, project=None):
    login_as(client, people, role)
    url = edit_url(project) if project else add_url(people.cohort)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def picker(html, name):
    match = re.search(
        rf'<div class="fellowship-people-picker" data-people-picker>(?:(?!data-people-picker>).)*?'
        rf'name="{name}".*?</div>\s*</div>',
        html,
        re.S,
    )
    return match.group(0) if match else ""


@pytest.mark.parametrize("role", ["listed_fellow", "programme_team"])
def test_fellows_are_picked_by_name_from_the_projects_cohort_only(client, people, role):
    html = editor(client, people, role, people.project())
    fellows = picker(html, "fellows")
    assert "Search by name" in fellows
    assert 'type="checkbox"' in fellows
    assert "Ada Listed" in fellows and "Ben Samecohort" in fellows
    assert "Cara Othercohort" not in html
    assert "<select" not in fellows


def test_a_new_project_offers_the_fellows_of_its_cohort(client, people):
    html = editor(client, people, "listed_fellow")
    assert "Ben Samecohort" in picker(html, "fellows")
    assert "Cara Othercohort" not in html


def test_fellow_from_another_cohort_posted_by_hand_is_refused(client, people):
    project = people.project()
    login_as(client, people, "listed_fellow")
    data = project_form_data(project, fellows=[people.listed, people.other_cohort_fellow])
    response = client.post(edit_url(project), data)
    assert response.status_code == 200
    assert list(ProjectPage.objects.get(pk=project.pk).fellows.all()) == [people.listed]


@pytest.mark.parametrize("role", ["listed_fellow", "assigned_mentor"])
def test_fellows_and_mentors_see_the_mentors_but_cannot_choose_them(client, people, workflow, role):
    project = people.project()
    if role == "assigned_mentor":
        workflow.start(project, people.users["listed_fellow"])
    html = editor(client, people, role, project)
    assert 'data-read-only-people="mentors"' in html
    assert "Dev Assigned" in html
    assert "The programme team assigns mentors" in html
    # No other mentor's name is sent to the page.
    assert "Eve Unassigned" not in html
    assert not re.search(r'<input[^>]*name="mentors"', html)


@pytest.mark.parametrize(
    "mentors", [[], ["other"], ["assigned", "other"]], ids=["remove", "swap", "add"]
)
def test_fellow_cannot_add_or_remove_mentors_even_by_posting_them(client, people, mentors):
    project = people.project()
    chosen = {"assigned": people.mentor, "other": people.other_mentor}
    login_as(client, people, "listed_fellow")
    data = project_form_data(project, mentors=[chosen[m] for m in mentors])
    assert client.post(edit_url(project), data).status_code == 302
    saved = ProjectPage.objects.get(pk=project.pk)
    assert list(saved.mentors.all()) == [people.mentor]
    latest = saved.get_latest_revision_as_object()
    assert list(latest.mentors.all()) == [people.mentor]


def test_fellow_creating_a_project_cannot_assign_a_mentor(client, people):
    login_as(client, people, "listed_fellow")
    data = project_form_data(
        title="New project", slug="new-project", fellows=[people.listed], mentors=[people.mentor]
    )
    assert client.post(add_url(people.cohort), data).status_code == 302
    assert not ProjectPage.objects.get(slug="new-project").mentors.exists()


def test_programme_team_picks_mentors_by_name_and_can_change_them(client, people):
    project = people.project()
    MentorFactory(name="Fay Partner")
    html = editor(client, people, "programme_team", project)
    mentors = picker(html, "mentors")
    assert "Search by name" in mentors
    assert "Eve Unassigned" in mentors and "Fay Partner" in mentors
    data = project_form_data(project, mentors=[people.other_mentor])
    assert client.post(edit_url(project), data).status_code == 302
    assert list(ProjectPage.objects.get(pk=project.pk).mentors.all()) == [people.other_mentor]


def test_fellows_pickers_never_list_fellows_of_other_cohorts_whatever_their_number(client, people):
    for number in range(5):
        FellowFactory(name=f"Outsider {number}", cohort=people.other_cohort)
    html = editor(client, people, "listed_fellow", people.project())
    assert "Outsider" not in html


def test_themes_are_labelled_themes_without_the_note_about_double_quotes(client, people):
    html = editor(client, people, "listed_fellow", people.project())
    assert re.search(r'<label[^>]*for="id_themes"[^>]*>(<span[^>]*>)?Themes<', html)
    assert ">Tags" not in html
    assert "double quotes" not in html
