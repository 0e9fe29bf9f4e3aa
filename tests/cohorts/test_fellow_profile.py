"""A fellow's public profile names their cohort only when anyone may read the cohort's page."""

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import CohortPageFactory, FellowFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def profile(client, fellow):
    response = client.get(f"/fellows/{fellow.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def with_a_public_project(fellow):
    """The fellow also worked on a published project in a public cohort, so has a profile."""
    ProjectPageFactory(parent=CohortPageFactory(title="Open cohort"), fellows=[fellow])
    return fellow


def test_a_fellows_published_cohort_is_named_and_linked(client, home):
    cohort = CohortPageFactory(title="Cohort 2023", slug="cohort-2023")
    html = profile(client, FellowFactory(cohort=cohort))

    assert 'Fellow in the <a href="/cohorts/cohort-2023/">Cohort 2023</a>.' in html


def test_a_view_restricted_cohort_is_not_named_on_a_fellows_profile(client, home):
    cohort = CohortPageFactory(title="Secret cohort", slug="secret-cohort")
    PageViewRestriction.objects.create(page=cohort, restriction_type="password", password="x")
    html = profile(client, with_a_public_project(FellowFactory(cohort=cohort)))

    assert "Secret cohort" not in html
    assert "secret-cohort" not in html


def test_a_draft_cohort_is_not_named_on_a_fellows_profile(client, home):
    cohort = CohortPageFactory(title="Draft cohort", slug="draft-cohort", live=False)
    html = profile(client, with_a_public_project(FellowFactory(cohort=cohort)))

    assert "Draft cohort" not in html


@pytest.mark.parametrize("hidden", ["draft", "restricted"])
def test_a_fellow_known_only_from_a_hidden_cohort_has_no_public_profile(client, home, hidden):
    cohort = CohortPageFactory(title="Hidden cohort", slug="hidden-cohort", live=hidden != "draft")
    if hidden == "restricted":
        PageViewRestriction.objects.create(page=cohort, restriction_type="password", password="x")
    fellow = FellowFactory(cohort=cohort)

    response = client.get(f"/fellows/{fellow.slug}/")

    assert response.status_code == 404
    assert fellow.name not in response.content.decode()
    # The same answer as for a fellow who does not exist at all.
    assert client.get("/fellows/nobody-at-all/").status_code == 404
