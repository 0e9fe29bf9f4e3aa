"""Fixtures for the role and review tests: two cohorts, their fellows, mentors and the team."""

from wagtail.models import Workflow

import pytest

from tests.reviews.helpers import People


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def workflow(db):
    return Workflow.objects.get(name="Project review")
