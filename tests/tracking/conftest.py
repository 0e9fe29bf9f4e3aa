"""Fixtures for the tracking tests: the review tests' cast, a cohort milestone template and a
project with an overdue milestone and a check-in whose note must stay private."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Workflow

import pytest

from tests.reviews.helpers import People
from tracking.models import CheckIn, MilestoneTemplate, Rating

SECRET_NOTE = "Private: Ada is finding the interviews hard going"
SECRET_STEP = "Agreed: pause recruitment until March"


class Scene:
    """A 2024 cohort with three template milestones, and the listed fellow's project in it."""

    def __init__(self, people):
        self.people = people
        today = timezone.localdate()
        self.templates = [
            MilestoneTemplate.objects.create(
                cohort=people.cohort, name="Proposal agreed", due_date=today - timedelta(days=40)
            ),
            MilestoneTemplate.objects.create(
                cohort=people.cohort, name="Data collection", due_date=today - timedelta(days=5)
            ),
            MilestoneTemplate.objects.create(
                cohort=people.cohort, name="First draft to mentor", due_date=today + timedelta(20)
            ),
        ]
        self.project = people.project(live=True, title="Quiet streets", slug="quiet-streets")
        self.milestones = {m.name: m for m in self.project.milestones.all()}
        proposal = self.milestones["Proposal agreed"]
        proposal.done_on = today - timedelta(days=41)
        proposal.save()
        self.check_in = CheckIn.objects.create(
            project=self.project,
            date=today - timedelta(days=10),
            rating=Rating.SOME_CONCERNS,
            note=SECRET_NOTE,
            next_step=SECRET_STEP,
            recorded_by=people.users["assigned_mentor"],
        )


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def scene(people):
    return Scene(people)


@pytest.fixture
def workflow(db):
    return Workflow.objects.get(name="Project review")
