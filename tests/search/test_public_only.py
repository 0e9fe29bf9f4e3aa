"""Nothing that exists only in a draft or behind a view restriction reaches the public through
search: not as a suggestion, a facet value, an accepted filter or an error message. An unknown
value and a hidden one get the same answer, on both backends."""

from wagtail.models import PageViewRestriction

import pytest

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
    """A public project and finding; a theme named only on a draft; a draft cohort and a
    view-restricted one."""
    cohort = CohortPageFactory(title="Cohort 2023", slug="cohort-2023", year=2023)
    project = ProjectPageFactory(
        parent=cohort, title="Kinship care", themes=[ThemeFactory(name="Belonging")]
    )
    FindingFactory(page=project, headline="Grandparents felt unheard by schools.")
    draft = ProjectPageFactory(
        parent=cohort,
        title="Unpublished work",
        live=False,
        themes=[ThemeFactory(name="Quokkanomics")],
    )
    FindingFactory(page=draft, headline="Nothing to see yet.")
    CohortPageFactory(title="Draft cohort", slug="draft-cohort", year=2024, live=False)
    restricted = CohortPageFactory(title="Secret cohort", slug="secret-cohort", year=2025)
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    hidden = ProjectPageFactory(
        parent=restricted, title="Behind the restriction", themes=[ThemeFactory(name="Hushology")]
    )
    FindingFactory(page=hidden, headline="Kept behind the password.").themes.add(
        ThemeFactory(name="Whisperology")
    )


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


def same_message(hidden, unknown, parameter, hidden_value, unknown_value):
    """The two answers' messages for ``parameter``, with the values given put aside."""
    ours = hidden.json()["errors"][parameter]
    theirs = unknown.json()["errors"][parameter]
    return [m.replace(hidden_value, "…") for m in ours] == [
        m.replace(unknown_value, "…") for m in theirs
    ]


def test_a_theme_named_only_on_a_draft_is_refused_like_an_unknown_one_by_the_api(client, backend):
    hidden = client.get(API, {"theme": "quokkanomics"})
    unknown = client.get(API, {"theme": "no-such-theme"})

    assert client.get(API, {"theme": "belonging"}).status_code == 200
    assert hidden.status_code == unknown.status_code == 400
    assert same_message(hidden, unknown, "theme", "quokkanomics", "no-such-theme")
    assert "Quokkanomics" not in hidden.content.decode()


@pytest.mark.parametrize("slug", ["hushology", "whisperology"])
def test_a_theme_named_only_behind_a_view_restriction_is_refused_like_an_unknown_one(
    client, backend, slug
):
    # One theme is on the restricted project, the other only on its finding.
    hidden = client.get(API, {"theme": slug})
    unknown = client.get(API, {"theme": "no-such-theme"})

    assert hidden.status_code == unknown.status_code == 400
    assert same_message(hidden, unknown, "theme", slug, "no-such-theme")
    html = client.get(PAGE, {"theme": slug}).content.decode()
    assert "Hushology" not in html and "Whisperology" not in html


def test_a_theme_named_only_on_a_draft_is_not_printed_on_the_search_page(client, backend):
    hidden = client.get(PAGE, {"theme": "quokkanomics"})
    unknown = client.get(PAGE, {"theme": "no-such-theme"})

    assert hidden.status_code == unknown.status_code == 200
    html = hidden.content.decode()
    assert "There is no theme called “quokkanomics”." in html
    assert "Quokkanomics" not in html
    assert "Theme: Belonging" in client.get(PAGE, {"theme": "belonging"}).content.decode()


def test_a_theme_named_only_on_a_draft_is_never_suggested(client, backend):
    # Two words, so that Elasticsearch's typo tolerance does not find the first one anyway.
    near_public = client.get(API, {"q": "kinshop zzzzzq"}).json()
    # A misspelling: a word the site knows is never respelt.
    near_hidden = client.get(API, {"q": "quokanomics"}).json()

    assert near_public["suggestion"].startswith("kinship")
    assert near_hidden["count"] == 0
    assert near_hidden["suggestion"] is None
    assert "quokkanomics" not in client.get(PAGE, {"q": "quokanomics"}).content.decode().lower()


def test_facets_offer_only_values_from_public_content(client, backend):
    facets = client.get(API).json()["facets"]

    assert [option["value"] for option in facets["theme"]] == ["belonging"]
    assert [option["value"] for option in facets["cohort"]] == ["cohort-2023"]
    assert [option["value"] for option in facets["year"]] == ["2023"]


@pytest.mark.parametrize("slug", ["draft-cohort", "secret-cohort"])
def test_a_draft_or_restricted_cohort_is_refused_like_an_unknown_one_by_the_api(
    client, backend, slug
):
    hidden = client.get(API, {"cohort": slug})
    unknown = client.get(API, {"cohort": "no-such-cohort"})

    assert client.get(API, {"cohort": "cohort-2023"}).status_code == 200
    assert hidden.status_code == unknown.status_code == 400
    assert same_message(hidden, unknown, "cohort", slug, "no-such-cohort")


@pytest.mark.parametrize("slug", ["draft-cohort", "secret-cohort"])
def test_a_draft_or_restricted_cohort_is_not_printed_on_the_search_page(client, backend, slug):
    html = client.get(PAGE, {"cohort": slug}).content.decode()

    assert f"There is no cohort called “{slug}”." in html
    assert "Draft cohort" not in html
    assert "Secret cohort" not in html
