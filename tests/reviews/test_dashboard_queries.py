"""The dashboard panels of fellows and mentors ask the database the same number of questions
whether a person has four projects or twelve: no query per project or per milestone."""

import datetime

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from cohorts.permissions import fellow_for
from reviews.fellow_hooks import YourProjectsPanel
from reviews.review_list import ReviewListPanel
from tracking.models import Milestone
from tracking.wagtail_hooks import add_my_milestones_panel

REASON = "Say which schools took part."


def add_projects(people, workflow, numbers):
    """Projects of the listed fellow in every stage (in review, sent back, draft, live), each
    with an overdue milestone and two to come."""
    for number in numbers:
        project = people.project(
            title=f"Project {number}", slug=f"project-{number}", live=number % 4 == 3
        )
        for days in (-10, 5, 30):
            Milestone.objects.create(
                project=project,
                name=f"Milestone {days}",
                due_date=datetime.date.today() + datetime.timedelta(days=days),
            )
        if number % 4 in (0, 1):
            workflow.start(project, people.users["listed_fellow"])
        if number % 4 == 1:
            project.current_workflow_task_state.specific.reject(
                user=people.users["assigned_mentor"], comment=REASON
            )


def queries_to_render(user, panel_for):
    request = RequestFactory().get("/admin/")
    # Fresh, as each request has it: what the account caches of its projects is not carried over.
    request.user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        panel = panel_for(request)
        html = panel.render_html({"request": request, "csrf_token": "token"}) if panel else ""
    return len(queries), html


def your_projects(request):
    return YourProjectsPanel(request.user, fellow_for(request.user))


def milestones(request):
    panels = []
    add_my_milestones_panel(request, panels)
    return panels[0]


def review_list(request):
    return ReviewListPanel()


PANELS = [
    ("listed_fellow", your_projects, "Project 11"),
    ("listed_fellow", milestones, "Project 11"),
    ("assigned_mentor", milestones, "Project 11"),
    ("assigned_mentor", review_list, "Project 8"),
]


@pytest.mark.parametrize(
    "role,panel_for,shown", PANELS, ids=[f"{r}-{p.__name__}" for r, p, _ in PANELS]
)
def test_dashboard_panel_queries_do_not_grow_with_projects(
    people, workflow, role, panel_for, shown
):
    user = people.users[role]
    # One project in each stage first, so that each kind of question has been asked once.
    add_projects(people, workflow, range(4))
    queries_to_render(user, panel_for)  # fills the caches every request shares (site roots)
    few, _ = queries_to_render(user, panel_for)
    add_projects(people, workflow, range(4, 12))
    many, html = queries_to_render(user, panel_for)
    assert shown in html
    assert many == few, f"{few} queries for four projects, {many} for twelve"
