"""Fixtures for sharing: the review tests' cast, a project with a draft, and a link to it."""

import pytest

from sharing import links
from tests.reviews.helpers import People


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def project(people):
    return people.project(
        content_note="Mentions exclusion from school.",
        summary="How schools write to families about exclusion.",
        mentor_notes="Private: ask Ada about the second school.",
    )


@pytest.fixture
def shared(people, project):
    """A working link to the project's draft, and its secret address."""
    link, token = links.create(project, people.users["listed_fellow"], 14, "Leeds Mind reviewer")
    return link, f"/share/{token}/"


@pytest.fixture
def workflow(db):
    from wagtail.models import Workflow

    return Workflow.objects.get(name="Project review")
