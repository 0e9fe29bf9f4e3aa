"""Findings first in search, on both backends: the kind filter and its counts, snippets that do
not repeat the title, suggestions that find something, and a theme offered when a query names
one."""

import pytest

from search.backends.snippets import without_title, without_title_html
from tests.factories import CohortPageFactory, FindingFactory, ProjectPageFactory, ThemeFactory

API = "/api/search/"
PAGE = "/search/"
BACKENDS = {
    "database": "search.backends.database.DatabaseSearchBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchSearchBackend",
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home):
    """Two projects with two findings each; one project and one finding say "custody"; a theme
    "Seeking safety" on a project, and one named only on a draft."""
    cohort = CohortPageFactory(title="Cohort 2023", slug="cohort-2023", year=2023)
    safety = ThemeFactory(name="Seeking safety", slug="seeking-safety")
    custody = ProjectPageFactory(
        parent=cohort,
        title="The first hour in police custody",
        summary="What custody staff say in the first hour.",
        themes=[safety],
        places=["Bradford"],
    )
    FindingFactory(
        page=custody,
        headline="Explaining what happens next in custody was followed by fewer incidents.",
        detail="Explaining what happens next in custody was followed by fewer incidents. "
        "Recorded incidents fell by a quarter.",
        recommendation="Give every detained person a spoken explanation.",
    )
    FindingFactory(
        page=custody,
        headline="Officers wanted supervision after training.",
        detail="",
        recommendation="",
    )
    letters = ProjectPageFactory(
        parent=cohort,
        title="Letters about rent arrears",
        summary="Rewriting the first arrears letter with tenants.",
        places=["Kirklees"],
    )
    FindingFactory(page=letters, headline="More tenants got in touch within a week.")
    FindingFactory(page=letters, headline="Red ink was the biggest barrier to opening post.")
    draft = ProjectPageFactory(
        parent=cohort, title="Unpublished", live=False, themes=[ThemeFactory(name="Hidden refuge")]
    )
    FindingFactory(page=draft, headline="Nothing to see yet.")
    return {"custody": custody, "letters": letters}


@pytest.fixture(
    params=[
        "database",
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ]
)
def backend(request, settings, content):
    """Each backend in turn, with its index built from ``content`` where it has one."""
    settings.SEARCH_BACKEND = BACKENDS[request.param]
    if request.param == "elasticsearch":
        request.getfixturevalue("indices")
    return request.param


def kinds(body):
    return [hit["kind"] for hit in body["results"]]


def kind_counts(body):
    return {option["value"]: option["count"] for option in body["facets"]["kind"]}


# The kind filter -------------------------------------------------------------------------------


def test_kind_finding_shows_only_findings_and_counts_both_kinds(client, backend):
    body = client.get(API, {"q": "custody", "kind": "finding"}).json()

    assert set(kinds(body)) == {"finding"}
    assert body["count"] == len(body["results"]) >= 1
    everything = client.get(API, {"q": "custody"}).json()
    # The kind facet is counted without its own filter, so it still offers projects.
    assert kind_counts(body) == kind_counts(everything)
    assert kind_counts(everything)["project"] >= 1
    assert kind_counts(everything)["finding"] == body["count"]
    assert sum(kind_counts(everything).values()) == everything["count"]


def test_kind_project_shows_only_projects(client, backend):
    body = client.get(API, {"kind": "project"}).json()

    assert kinds(body) == ["project", "project"]
    assert kind_counts(body) == {"finding": 4, "project": 2}


def test_kind_filter_combines_with_other_filters_and_facets(client, backend):
    body = client.get(API, {"kind": "finding", "place": "Kirklees"}).json()

    assert body["count"] == 2
    assert kind_counts(body) == {"finding": 2, "project": 1}
    places = {option["value"]: option["count"] for option in body["facets"]["place"]}
    assert places == {"Bradford": 2, "Kirklees": 2}


def test_kind_facet_lists_findings_first(client, backend):
    body = client.get(API).json()

    assert [option["value"] for option in body["facets"]["kind"]] == ["finding", "project"]
    assert [option["label"] for option in body["facets"]["kind"]] == ["Findings", "Projects"]


@pytest.mark.parametrize("value", ["findings", "people", "FINDING", ""])
def test_an_unknown_kind_is_refused_in_plain_english_by_the_api(client, content, value):
    response = client.get(API, {"kind": value})

    if value == "":
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert response.json()["errors"]["kind"] == [
        f"Results can be limited to “finding” or “project” only, not “{value}”."
    ]


def test_an_unknown_kind_is_explained_on_the_page_and_everything_shown(client, content):
    response = client.get(PAGE, {"kind": "people"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Results can be limited to “finding” or “project” only, not “people”." in html
    assert "6 results" in html


def test_kind_given_twice_is_refused(client, content):
    response = client.get(API + "?kind=finding&kind=project")

    assert response.status_code == 400
    assert response.json()["errors"]["kind"] == ["Give one kind of result only: the address had 2."]


def test_search_page_shows_the_kind_filter_with_counts_and_can_remove_it(client, content):
    html = client.get(PAGE, {"q": "custody", "kind": "finding"}).content.decode()

    assert "<legend>Show</legend>" in html
    assert 'name="kind" value="finding" checked' in html
    assert 'Findings <span class="meta">(' in html
    assert 'Projects <span class="meta">(1)</span>' in html
    assert "Show: findings only" in html
    assert '(<a href="?q=custody">remove' in html


# Snippets --------------------------------------------------------------------------------------


def hit_titled(body, title):
    return next(hit for hit in body["results"] if hit["title"] == title)


def test_a_snippet_never_repeats_the_headline(client, backend):
    body = client.get(API, {"q": "incidents"}).json()

    hit = hit_titled(
        body, "Explaining what happens next in custody was followed by fewer incidents."
    )
    assert "Explaining what happens next" not in hit["snippet"]
    assert "Recorded <mark>incidents</mark> fell by a quarter." in hit["snippet"]


def test_a_finding_with_nothing_but_its_headline_has_no_snippet(client, backend):
    body = client.get(API, {"q": "supervision"}).json()

    assert hit_titled(body, "Officers wanted supervision after training.")["snippet"] == ""


def test_without_title_cuts_a_repeated_title_out_of_a_text():
    title = "Plain letters reduced missed appointments."
    assert without_title(f"{title} By a third.", title) == "By a third."
    assert without_title("Plain letters reduced missed appointments", title) == ""
    assert without_title("Nothing like it.", title) == "Nothing like it."
    # A one-word title is a word a text may use in passing.
    assert without_title("Belonging matters at school.", "Belonging") == (
        "Belonging matters at school."
    )
    assert (
        without_title_html(
            "<mark>Plain</mark> letters reduced missed appointments. <mark>Plain</mark> words.",
            title,
        )
        == "<mark>Plain</mark> words."
    )
    assert without_title_html("Plain <mark>letters</mark> reduced missed appointments", title) == ""


# Suggestions -----------------------------------------------------------------------------------


def test_a_query_naming_a_theme_offers_the_theme_not_a_respelling(client, backend):
    body = client.get(API, {"q": "seeking safety"}).json()

    assert body["suggestion"] is None
    assert body["suggested_theme"] == {
        "name": "Seeking safety",
        "slug": "seeking-safety",
        "url": "http://testserver/search/?theme=seeking-safety",
    }


@pytest.mark.parametrize("query", ["seeking saftey", "Seeking Safety", "seeking-safety"])
def test_a_query_close_to_a_theme_name_offers_the_theme(client, backend, query):
    assert client.get(API, {"q": query}).json()["suggested_theme"]["slug"] == "seeking-safety"


def test_the_page_links_to_the_theme_suggested(client, content):
    html = client.get(PAGE, {"q": "seeking saftey", "place": "Bradford"}).content.decode()

    assert (
        'Looking for the theme <a href="?theme=seeking-safety&amp;place=Bradford">'
        "Seeking safety</a>?" in html
    )
    assert "Did you mean" not in html


def test_a_theme_the_search_counted_is_offered_without_asking_the_database_again(
    content, django_assert_num_queries
):
    from search.params import parse
    from search.suggestions import named_theme

    request = parse({"q": "seeking safety"}).request

    # The theme names, then whether the close ones are in use (Wagtail reads the view
    # restrictions first)...
    with django_assert_num_queries(3):
        assert named_theme(request).slug == "seeking-safety"
    # ...which the search's own theme facet already says, when it counted the theme.
    with django_assert_num_queries(1):
        assert named_theme(request, counted={"seeking-safety"}).slug == "seeking-safety"


def test_a_theme_already_chosen_or_only_on_a_draft_is_not_offered(client, backend):
    chosen = client.get(API, {"q": "seeking safety", "theme": "seeking-safety"}).json()
    hidden = client.get(API, {"q": "hidden refuge"}).json()

    assert chosen["suggested_theme"] is None
    assert hidden["suggested_theme"] is None
    assert "Hidden refuge" not in client.get(PAGE, {"q": "hidden refuge"}).content.decode()


def test_a_respelling_that_finds_nothing_is_not_offered(client, backend):
    # "Rent" and "custody" are words of the site, but together they find nothing: a respelling
    # to both would be a dead end. ("rnet" is too short for Elasticsearch's typo tolerance.)
    body = client.get(API, {"q": "rnet custdy"}).json()

    assert body["count"] == 0
    assert body["suggestion"] is None


def test_a_respelling_that_finds_something_is_offered(client, backend):
    body = client.get(API, {"q": "rnet"}).json()

    assert body["count"] == 0
    assert body["suggestion"] == "rent"


def test_no_filters_heading_or_button_without_filters_to_offer(client, content):
    html = client.get(PAGE, {"q": "zzzzqqq"}).content.decode()

    assert "No results" in html
    assert "<h2>Filters</h2>" not in html
    assert "Apply filters" not in html
    # With hits there are filters again.
    assert "<h2>Filters</h2>" in client.get(PAGE, {"q": "custody"}).content.decode()


# Findings found through their project's words ---------------------------------------------------


@pytest.fixture
def abuse(home):
    """A project about domestic abuse whose finding never says so, and another project's finding
    that does."""
    cohort = CohortPageFactory(title="Cohort 2024", slug="cohort-2024", year=2024)
    telling = ProjectPageFactory(
        parent=cohort,
        title="Telling it once",
        summary="Survivors of domestic abuse asked to tell their story again and again.",
        themes=[ThemeFactory(name="Lived experience")],
        places=["West Yorkshire"],
    )
    quiet = FindingFactory(
        page=telling,
        headline="Being asked the same questions again felt like not being believed.",
        detail="",
        recommendation="",
    )
    other = ProjectPageFactory(parent=cohort, title="Housing letters", summary="Rent letters.")
    says = FindingFactory(
        page=other,
        headline="Tenants who had left domestic abuse dreaded letters.",
        detail="",
        recommendation="",
    )
    return {"quiet": quiet, "says": says}


def test_a_finding_document_carries_its_projects_words_apart_from_its_own(abuse):
    from search.documents import FindingDocument, IndexingContext

    abuse["quiet"].themes.add(ThemeFactory(name="Trust"))
    source = FindingDocument.prepare(abuse["quiet"], IndexingContext()).to_dict()

    assert source["kind"] == "finding"
    assert source["project_summary"].startswith("Survivors of domestic abuse")
    assert source["project_theme_names"] == ["Lived experience"]
    assert source["project_place_names"] == ["West Yorkshire (region-wide)"]
    assert source["theme_names"] == ["Trust"]
    assert source["themes"] == ["lived-experience", "trust"]


@pytest.fixture(
    params=[
        "database",
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ]
)
def abuse_backend(request, settings, abuse):
    """Each backend in turn, with its index built from ``abuse`` where it has one."""
    settings.SEARCH_BACKEND = BACKENDS[request.param]
    if request.param == "elasticsearch":
        request.getfixturevalue("indices")
    return request.param


def test_findings_match_their_projects_words_below_their_own(client, abuse, abuse_backend):
    for query in ("domestic abuse", "lived experience", "west yorkshire"):
        body = client.get(API, {"q": query, "kind": "finding"}).json()
        assert abuse["quiet"].headline in [hit["title"] for hit in body["results"]], query
    body = client.get(API, {"q": "domestic abuse", "kind": "finding"}).json()
    assert [hit["title"] for hit in body["results"]] == [
        abuse["says"].headline,
        abuse["quiet"].headline,
    ]


def test_domestic_abuse_finds_the_project_and_its_findings_without_a_kind_filter(
    client, abuse, abuse_backend
):
    body = client.get(API, {"q": "domestic abuse"}).json()
    titles = [hit["title"] for hit in body["results"]]

    assert set(titles) == {"Telling it once", abuse["says"].headline, abuse["quiet"].headline}
    # The finding that says the words ranks above the one whose project does.
    assert titles.index(abuse["says"].headline) < titles.index(abuse["quiet"].headline)
    assert kind_counts(body) == {"finding": 2, "project": 1}


def test_a_projects_place_finds_the_project_and_its_findings(client, abuse, abuse_backend):
    body = client.get(API, {"q": "west yorkshire"}).json()

    assert {hit["title"] for hit in body["results"]} == {
        "Telling it once",
        abuse["quiet"].headline,
    }


def test_a_project_word_that_no_project_says_finds_no_finding(client, abuse, abuse_backend):
    # "Rent" is in the housing project's summary only: the abuse project's finding stays out.
    body = client.get(API, {"q": "rent", "kind": "finding"}).json()

    assert [hit["title"] for hit in body["results"]] == [abuse["says"].headline]
