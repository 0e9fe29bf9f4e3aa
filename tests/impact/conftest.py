"""A completed project with its follow-ups in every state, and the cast of the role tests."""

from datetime import date

from django.utils import timezone

import pytest

from core.vocabularies import Status
from impact.models import FollowUp, FollowUpStatus
from tests.factories import CohortPageFactory, FellowFactory, FindingFactory, ProjectPageFactory
from tests.reviews.helpers import People

# Text that must never reach a public page until the programme team has reviewed and ticked it.
UNREVIEWED = "UNREVIEWED-ANSWER about the ward"
KEPT_BACK = "KEPT-BACK-PARTNER named at review"
SHOWN = "SHOWN-PRACTICE change the team published"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def fellow(home):
    # A cohort of its own, so that its title cannot clash with the role tests' cohorts.
    cohort = CohortPageFactory(title="Class of 2019", slug="class-of-2019", year=2019)
    return FellowFactory(
        name="Asha Patel", slug="asha-patel", email="asha.patel@example.org", cohort=cohort
    )


@pytest.fixture
def completed(home, fellow):
    """A live project by ``fellow`` that ended on 30 November 2023."""
    page = ProjectPageFactory(
        title="Warm letters",
        slug="warm-letters",
        status=Status.COMPLETE,
        end_date=date(2023, 11, 30),
        fellows=[fellow],
        places=["Leeds"],
        parent=fellow.cohort,
    )
    FindingFactory(page=page, headline="Warm letters reduced missed appointments.")
    return publish(page)


def make_follow_up(project, fellow, months=12, **values):
    values.setdefault("due_on", date(2024, 11, 30))
    values.setdefault("sent_at", timezone.now())
    return FollowUp.objects.create(project=project, fellow=fellow, months=months, **values)


def answered(project, fellow, months=12, **values):
    values.setdefault("answered_at", timezone.now())
    values.setdefault("status", FollowUpStatus.AWAITING_REVIEW)
    return make_follow_up(project, fellow, months, **values)


@pytest.fixture
def unreviewed(completed, fellow):
    return answered(completed, fellow, 6, practice_change=UNREVIEWED, public_practice_change=True)


@pytest.fixture
def reviewed(completed, fellow):
    """Reviewed: practice change ticked public, partners kept back."""
    return answered(
        completed,
        fellow,
        12,
        status=FollowUpStatus.REVIEWED,
        practice_change=SHOWN,
        public_practice_change=True,
        partners=KEPT_BACK,
        public_partners=False,
    )
