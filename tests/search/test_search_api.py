"""The JSON search API: the shape partners rely on, and a 400 naming each bad parameter."""

import pytest

from tests.factories import CohortPageFactory, FindingFactory, ProjectPageFactory, ThemeFactory

URL = "/api/search/"


@pytest.fixture
def finding(home):
    theme = ThemeFactory(name="Belonging")
    cohort = CohortPageFactory(title="Cohort 2023", slug="cohort-2023", year=2023)
    project = ProjectPageFactory(
        parent=cohort, title="Kinship care", slug="kinship-care", themes=[theme]
    )
    return FindingFactory(
        page=project,
        headline="Grandparents felt unheard by schools.",
        detail="Several <em>grandparents</em> said so.",
    )


@pytest.mark.django_db
def test_finding_hit_has_every_field_with_absolute_addresses(client, finding):
    response = client.get(URL, {"q": "grandparents"})

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["num_pages"]) == (1, 1, 1)
    hit = body["results"][0]
    assert hit["kind"] == "finding"
    assert hit["title"] == "Grandparents felt unheard by schools."
    assert (
        hit["url"] == f"http://testserver/cohorts/cohort-2023/kinship-care/#finding-{finding.key}"
    )
    assert hit["url"].endswith(f"#{finding.anchor}")
    assert hit["project"] == {
        "title": "Kinship care",
        "url": "http://testserver/cohorts/cohort-2023/kinship-care/",
    }
    assert hit["cohort"] == {"title": "Cohort 2023", "slug": "cohort-2023"}
    assert hit["themes"] == [{"name": "Belonging", "slug": "belonging"}]
    assert (hit["evidence_type"], hit["confidence"]) == ("interviews", "moderate")
    assert hit["snippet"] == "Several &lt;em&gt;<mark>grandparents</mark>&lt;/em&gt; said so."
    assert hit["score"] > 0
    assert body["facets"]["theme"] == [
        {"value": "belonging", "label": "Belonging", "count": 1, "selected": False}
    ]
    assert body["suggestion"] is None


@pytest.mark.django_db
def test_empty_query_with_a_filter_lists_the_filtered_hits(client, finding):
    ProjectPageFactory(parent=finding.page.get_parent(), title="Other project")
    body = client.get(URL, {"theme": "belonging"}).json()
    assert body["count"] == 2
    assert {hit["kind"] for hit in body["results"]} == {"project", "finding"}


@pytest.mark.django_db
def test_zero_results_give_a_spelling_suggestion(client, finding):
    body = client.get(URL, {"q": "grandparnets"}).json()
    assert body["count"] == 0
    assert body["suggestion"] == "grandparents"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        '"grandparents"',
        "(grandparents)",
        "grandparents:*",
        "grandparents~2",
        "a/b\\c",
        "AND OR NOT",
    ],
)
def test_search_engine_syntax_is_read_as_words(client, finding, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert response.json()["warnings"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"q": "x" * 10_000}, "q", "up to 200 characters"),
        ({"q": "a\x00b"}, "q", "Null characters are not allowed."),
        ({"theme": "no-such-theme"}, "theme", "There is no theme called “no-such-theme”."),
        ({"cohort": "no-such-cohort"}, "cohort", "There is no cohort called “no-such-cohort”."),
        ({"page": "abc"}, "page", "The page number must be a whole number"),
        ({"page": "99999"}, "page", "There is only 1 page of results"),
        ({"page": "0"}, "page", "The page number must be 1 or more."),
        ({"page": str(10**30)}, "page", "There is only 1 page of results"),
        ({"theme": [f"theme-{n}" for n in range(30)]}, "theme", "Choose up to 20 themes"),
        ({"cohort": ["cohort-2023", "cohort-2023"]}, "cohort", "Give one cohort only"),
        ({"q": ["one", "two"]}, "q", "Give one search only"),
        ({"place": "Mars"}, "place", "There is no place called “Mars”"),
        ({"year": "last"}, "year", "The year must be a whole number"),
        ({"sort": "oldest"}, "sort", "“relevance” or “newest”"),
        ({"evidence": "hearsay"}, "evidence", "There is no evidence type called “hearsay”"),
    ],
)
def test_bad_parameters_get_a_400_naming_the_parameter(client, finding, params, parameter, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert message in " ".join(errors[parameter])
