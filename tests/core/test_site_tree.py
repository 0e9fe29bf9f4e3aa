from django.urls import reverse

from cohorts.models import CohortIndexPage
from events.models import EventIndexPage
from tests.factories import CohortPageFactory, FellowFactory, FindingFactory, ProjectPageFactory


def test_migrations_create_the_site_tree(home):
    assert home.get_children().type(CohortIndexPage).live().count() == 1
    assert home.get_children().type(EventIndexPage).live().count() == 1


def test_public_pages_render(client, home):
    cohort = CohortPageFactory(title="Class of 2024", slug="class-of-2024", year=2024)
    fellow = FellowFactory(cohort=cohort, name="Ada Example")
    project = ProjectPageFactory(parent=cohort, title="Letters that do no harm", fellows=[fellow])
    finding = FindingFactory(page=project, headline="Warm letters reduced missed appointments.")
    for url in [
        "/",
        "/cohorts/",
        cohort.url,
        project.url,
        finding.get_permalink(),
        reverse("theme_index"),
        fellow.get_absolute_url(),
        "/knowledge-exchange/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Warm letters reduced missed appointments." in client.get(project.url).content.decode()


def test_unknown_finding_address_is_a_404(client, home):
    project = ProjectPageFactory()
    assert client.get(f"{project.url}findings/nosuchkey/").status_code == 404
