"""A project's content note: continuing is remembered for the visit, and Go back returns the
reader to where they came from."""

import pytest

from tests.factories import CohortPageFactory, FindingFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

NOTE = "Discusses childhood neglect."
GATED = "What the carers told the fellow about neglect."


@pytest.fixture
def project(home):
    cohort = CohortPageFactory(title="Class of 2023", slug="class-of-2023")
    page = ProjectPageFactory(parent=cohort, title="Kinship care", content_note=NOTE)
    FindingFactory(page=page, headline="Carers felt alone.", detail=GATED)
    return page


def finding_url(project):
    return project.findings.get().get_permalink()


def test_after_continuing_into_a_project_its_findings_do_not_ask_again(client, project):
    assert GATED not in client.get(finding_url(project)).content.decode()

    client.get(project.url, {"continue": "1"})

    page = client.get(finding_url(project)).content.decode()
    assert GATED in page
    assert 'id="content-note-heading"' not in page
    # The reminder stays, so the note is never out of sight.
    assert f"<strong>Content note:</strong> {NOTE}" in page
    assert GATED in client.get(project.url).content.decode()


def test_continuing_is_remembered_only_for_that_project_and_that_visitor(client, project):
    other = ProjectPageFactory(parent=project.get_parent(), content_note="Discusses violence.")
    FindingFactory(page=other, detail="Another gated account.")
    client.get(project.url, {"continue": "1"})

    assert "Another gated account." not in client.get(other.url).content.decode()
    client.logout()  # a new visit: a new session
    assert GATED not in client.get(finding_url(project)).content.decode()


def test_go_back_returns_to_the_search_results_with_their_query(client, project):
    search = "http://testserver/search/?q=kinship+care&theme=belonging"
    page = client.get(project.url, HTTP_REFERER=search).content.decode()
    assert (
        '<a href="/search/?q=kinship+care&amp;theme=belonging">Go back to your search results</a>'
        in page
    )


def test_go_back_falls_back_to_the_cohort_without_a_page_of_this_site_to_return_to(client, project):
    cohort_link = '<a href="/cohorts/class-of-2023/">Go back to Class of 2023</a>'
    url = finding_url(project)
    for referrer in ("", "https://elsewhere.example/search/?q=x", f"http://testserver{url}"):
        page = client.get(url, HTTP_REFERER=referrer).content.decode()
        assert cohort_link in page, referrer


def test_go_back_returns_to_another_page_of_this_site(client, project):
    page = client.get(project.url, HTTP_REFERER="http://testserver/themes/belonging/")
    assert (
        '<a href="/themes/belonging/">Go back to the page you came from</a>'
        in page.content.decode()
    )
