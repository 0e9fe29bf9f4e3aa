"""A project's content note goes with its hits: the page and the API show the note, not the text
it gates, on both backends."""

import pytest

from tests.factories import CohortPageFactory, FindingFactory, ProjectPageFactory

API = "/api/search/"
PAGE = "/search/"
BACKENDS = {
    "database": "search.backends.database.DatabaseSearchBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchSearchBackend",
}
NOTE = "Discusses childhood neglect."
GATED = "A detailed account of kinship neglect that the note keeps back."

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home):
    cohort = CohortPageFactory(title="Cohort 2023", slug="cohort-2023", year=2023)
    noted = ProjectPageFactory(
        parent=cohort, title="Kinship care", summary="Kinship carers.", content_note=NOTE
    )
    FindingFactory(page=noted, headline="Kinship carers felt alone.", detail=GATED)
    plain = ProjectPageFactory(parent=cohort, title="Kinship letters", summary="Kinship letters.")
    FindingFactory(
        page=plain, headline="Kinship letters helped.", detail="Kinship letters were read."
    )


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, settings, content):
    settings.SEARCH_BACKEND = BACKENDS[request.param]
    if request.param == "elasticsearch":
        request.getfixturevalue("indices")
    return request.param


def test_hits_of_a_project_with_a_content_note_show_the_note_not_the_gated_text(client, backend):
    page = client.get(PAGE, {"q": "kinship"}).content.decode()
    assert page.count(f"<strong>Content note:</strong> {NOTE}") == 2  # the project and its finding
    assert "note keeps back" not in page
    # Hits without a note keep their snippet.
    assert "letters were read." in page


def test_the_search_api_carries_the_note_and_leaves_the_gated_snippet_out(client, backend):
    results = client.get(API, {"q": "kinship"}).json()["results"]
    by_title = {hit["title"]: hit for hit in results}
    noted = by_title["Kinship carers felt alone."]
    assert noted["content_note"] == NOTE
    assert noted["snippet"] == ""
    assert by_title["Kinship care"]["content_note"] == NOTE
    plain = by_title["Kinship letters helped."]
    assert plain["content_note"] is None
    assert plain["snippet"]
