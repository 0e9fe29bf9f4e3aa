"""Fixtures for the project tests: the cast of the review tests, with their cohorts."""

import pytest

from tests.reviews.helpers import People


@pytest.fixture
def people(db):
    return People()
