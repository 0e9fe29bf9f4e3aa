"""The Elasticsearch search backend on a real server, and its fallback to the database."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest

from projects.models import Finding, ProjectPage
from search import runner as search_runner
from search.backends import elasticsearch as elasticsearch_backend
from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import _CURRENT_INDICES, ElasticsearchSearchBackend
from search.backends.factory import get_backend
from search.backends.fallback import REDUCED_MODE, FallbackBackend
from search.documents import DOCUMENTS, SCHEMA_VERSION, FindingDocument
from search.indexing import rebuild
from search.runner import run_search
from tests.factories import CohortPageFactory, FindingFactory, ProjectPageFactory, ThemeFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def prefix(settings, es_index_name):
    settings.SEARCH_INDEX_PREFIX = es_index_name
    return es_index_name


@pytest.fixture
def projects(home):
    belonging = ThemeFactory(name="Belonging")
    cohort = CohortPageFactory(title="Cohort 2023", slug="cohort-2023", year=2023)
    kinship = ProjectPageFactory(
        parent=cohort,
        title="Kinship care",
        slug="kinship-care",
        themes=[belonging],
        places=["Leeds"],
        mentor_notes="Secret mentor remark about grandparents.",
    )
    FindingFactory(page=kinship, headline="Staff behaviours changed when grandparents spoke.")
    letters = ProjectPageFactory(
        parent=cohort, title="Appointment letters", slug="letters", places=["Bradford"]
    )
    FindingFactory(page=letters, headline="Plain letters mentioned kinship care once.")
    return {"kinship": kinship, "letters": letters, "belonging": belonging}


def build(es_client):
    for document in DOCUMENTS:
        rebuild(es_client, document)


def search(query, **params):
    results = run_search({"q": query, **params}, backend=ElasticsearchSearchBackend())
    return results


def test_the_backend_is_chosen_by_the_elasticsearch_url(settings):
    backend = get_backend()
    assert isinstance(backend, FallbackBackend)
    assert isinstance(backend.primary, ElasticsearchSearchBackend)
    assert isinstance(backend.fallback, DatabaseSearchBackend)
    settings.ELASTICSEARCH_URL = None
    assert isinstance(get_backend(), DatabaseSearchBackend)


def test_british_stems_and_typos_find_behaviour(es_client, prefix, projects):
    build(es_client)

    for query in ("behaviour", "behavour"):
        results = search(query)
        assert [hit.kind for hit in results.hits] == ["finding"], query
        assert results.warnings == []
    # Words are marked as typed (stemmed), not as a typo's correction.
    assert "<mark>" in search("behaviours").hits[0].title_html
    assert "<mark>" not in search("behavour").hits[0].title_html


def test_title_ranks_above_body_and_facets_ignore_their_own_filter(es_client, prefix, projects):
    build(es_client)

    results = search("kinship")
    assert (results.hits[0].kind, results.hits[0].pk) == ("project", projects["kinship"].pk)
    assert {hit.kind for hit in results.hits} == {"project", "finding"}

    filtered = search("kinship", place="Leeds")
    assert {hit.project_id for hit in filtered.hits} == {projects["kinship"].pk}
    places = {option.value: option.count for option in filtered.facets["place"]}
    # Counted per hit (a project and its finding in Leeds), and not narrowed by the place filter.
    assert places == {"Leeds": 2, "Bradford": 1}


def test_mentor_notes_are_never_searched(es_client, prefix, projects):
    build(es_client)

    assert search("remark").total == 0


def test_zero_results_get_a_spelling_suggestion(es_client, prefix, projects):
    build(es_client)

    results = search("kinshop zzzzzq")
    assert results.total == 0
    assert results.suggestion.startswith("kinship")


def test_a_server_that_cannot_be_reached_answers_from_the_database_with_a_note(
    client, settings, projects
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"

    response = client.get("/search/", {"q": "grandparents"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Search is running in a reduced mode" in html
    assert "<mark>grandparents</mark>" in html
    assert REDUCED_MODE.startswith("Search is running in a reduced mode")


def test_drafts_and_private_pages_are_never_found(es_client, prefix, home):
    cohort = CohortPageFactory()
    draft = ProjectPageFactory(parent=cohort, title="Quokka draft", live=False)
    FindingFactory(page=draft, headline="Quokka draft finding.")
    private = ProjectPageFactory(parent=cohort, title="Quokka private")
    FindingFactory(page=private, headline="Quokka private finding.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    build(es_client)

    assert search("quokka").total == 0
    # The control: the same word on a public page is found.
    ProjectPageFactory(parent=cohort, title="Quokka public")
    build(es_client)
    assert [hit.title for hit in search("quokka").hits] == ["Quokka public"]


def test_sector_synonyms_find_the_long_form(es_client, prefix, home):
    project = ProjectPageFactory()
    aces = FindingFactory(page=project, headline="Asking about adverse childhood experiences.")
    build(es_client)

    assert [(hit.kind, hit.pk) for hit in search("ACEs").hits] == [("finding", aces.pk)]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"theme": "no-such-theme"}, "There is no theme called “no-such-theme”."),
        ({"page": "99999"}, "There is only 1 page of results"),
        ({"year": "2023.5"}, "The year must be a whole number"),
    ],
)
def test_bad_input_gets_a_page_that_explains(client, es_client, prefix, projects, params, message):
    build(es_client)

    response = client.get("/search/", {"q": "kinship", **params})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "reduced mode" not in html


def test_years_are_counted_as_numbers_and_filter_like_the_others(es_client, prefix, projects):
    other = CohortPageFactory(title="Cohort 2024", slug="cohort-2024", year=2024)
    ProjectPageFactory(parent=other, title="Kinship visits", slug="kinship-visits")
    build(es_client)

    results = search("kinship", year="2023")

    years = {option.value: (option.count, option.selected) for option in results.facets["year"]}
    assert years == {"2023": (3, True), "2024": (1, False)}
    assert {hit.project_id for hit in results.hits} == {
        projects["kinship"].pk,
        projects["letters"].pk,
    }


def test_an_index_built_by_an_older_version_is_not_searched_until_rebuilt(
    es_client, prefix, projects
):
    build(es_client)
    alias = FindingDocument.alias()
    # What an index built before this version of the documents carries.
    es_client.indices.put_mapping(index=alias, meta={"schema": SCHEMA_VERSION - 1})
    _CURRENT_INDICES.clear()

    # The configured backend: Elasticsearch, with the database behind it.
    stale = run_search({"q": "kinship"}, backend=get_backend())
    assert REDUCED_MODE in stale.warnings
    # Answered by the database, whose ranking on PostgreSQL may put a finding that names the
    # project first.
    assert projects["kinship"].pk in [hit.pk for hit in stale.hits if hit.kind == "project"]
    out = StringIO()
    call_command("search_index", "status", stdout=out)
    assert "built by an older version of the site" in out.getvalue()

    build(es_client)
    assert search("kinship").warnings == []
    out = StringIO()
    call_command("search_index", "status", stdout=out)
    assert "older version" not in out.getvalue()


def test_hits_read_from_the_index_show_what_the_database_backend_shows(
    client, settings, es_client, prefix, projects
):
    # A finding with themes of its own besides its project's, another project's and evidence.
    zero = ThemeFactory(name="Zero tolerance")
    finding = FindingFactory(
        page=projects["letters"],
        headline="Kinship carers read plain letters.",
        evidence_type="survey",
        confidence="strong",
    )
    finding.themes.set([zero, projects["belonging"]])
    finding.save()
    build(es_client)
    settings.SEARCH_RATE_LIMIT = None

    def results(backend):
        settings.SEARCH_BACKEND = f"search.backends.{backend}"
        shown = []
        # Queries both backends answer with the same hits: projects and findings, with themes
        # of their own and their project's.
        for query in ("letters", "belonging"):
            body = client.get("/api/search/", {"q": query}).json()
            # Scores and snippets are each backend's own; everything else is the content's.
            shown += [
                {k: v for k, v in hit.items() if k not in ("score", "snippet")}
                for hit in body["results"]
            ]
        return sorted(shown, key=lambda hit: hit["url"])

    from_index = results("elasticsearch.ElasticsearchSearchBackend")
    from_database = results("database.DatabaseSearchBackend")
    assert {hit["kind"] for hit in from_index} == {"project", "finding"}
    assert len(from_index) == 6
    assert from_index == from_database
    shown = next(hit for hit in from_index if hit["title"] == finding.headline)
    assert shown["themes"] == [
        {"name": "Belonging", "slug": projects["belonging"].slug},
        {"name": "Zero tolerance", "slug": zero.slug},
    ]
    assert (shown["evidence_type"], shown["confidence"]) == ("survey", "strong")
    assert shown["url"] == f"http://testserver{projects['letters'].url}#{finding.anchor}"
    assert shown["cohort"] == {"title": "Cohort 2023", "slug": "cohort-2023"}

    page = client.get("/search/", {"q": "carers"}).content.decode()
    assert "Strong confidence</a>: seen consistently. Evidence: Survey." in page
    assert "Cohort: Cohort 2023." in page
    assert "Places: Bradford." in page


def test_a_hit_unpublished_or_deleted_since_it_was_indexed_is_not_shown(
    es_client, prefix, projects
):
    kinship, letters = projects["kinship"], projects["letters"]
    letters_finding = letters.findings.get()
    control = FindingFactory(page=letters, headline="Kinship visits were booked sooner.")
    build(es_client)
    assert search("kinship").total == 4

    # Changed behind the index's back: nothing tells it, as when an update has not arrived yet.
    ProjectPage.objects.filter(pk=kinship.pk).update(live=False)
    Finding.objects.filter(pk=letters_finding.pk).delete()
    assert es_client.exists(index=FindingDocument.alias(), id=letters_finding.pk)

    shown = {(hit.kind, hit.pk) for hit in search("kinship").hits}
    assert shown == {("finding", control.pk)}


def test_paging_past_the_reordered_hits_shows_every_hit_once(es_client, prefix, home, monkeypatch):
    monkeypatch.setattr(elasticsearch_backend, "RESCORE_WINDOW", 4)
    monkeypatch.setattr(search_runner, "PAGE_SIZE", 3)
    cohort = CohortPageFactory()
    project = ProjectPageFactory(parent=cohort, title="Quokka walks", summary="Outdoor visits.")
    findings = [
        FindingFactory(page=project, headline=f"Finding {n}.", detail=f"Quokka note {n}.")
        for n in range(6)
    ]
    titled = FindingFactory(page=project, headline="Quokka families trusted staff.")
    build(es_client)

    shown = []
    for page in (1, 2, 3):
        results = run_search(
            {"q": "quokka", "page": str(page)}, backend=ElasticsearchSearchBackend()
        )
        shown += [(hit.kind, hit.pk) for hit in results.hits]

    assert results.total == 8
    expected = {("project", project.pk), ("finding", titled.pk)}
    expected |= {("finding", finding.pk) for finding in findings}
    assert len(shown) == 8
    assert set(shown) == expected
    # The title match is reordered first; past the window, hits keep their first order.
    assert shown[0] == ("project", project.pk)
