"""The public search page: results, filters, pagination and pages that explain bad input."""

import re

import pytest

from tests.factories import CohortPageFactory, FindingFactory, ProjectPageFactory, ThemeFactory

URL = "/search/"


@pytest.fixture
def project(home):
    theme = ThemeFactory(name="Belonging")
    cohort = CohortPageFactory(title="Cohort 2023", slug="cohort-2023", year=2023)
    project = ProjectPageFactory(
        parent=cohort,
        title="Kinship care",
        slug="kinship-care",
        themes=[theme],
        places=["Leeds"],
    )
    FindingFactory(page=project, headline="Grandparents felt unheard by schools.")
    return project


@pytest.mark.django_db
def test_page_shows_count_highlighted_hits_and_finding_anchors(client, project):
    finding = project.findings.get()
    response = client.get(URL, {"q": "grandparent"})

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<h2 id=\"results-heading\">1 result for “grandparent”</h2>", html)
    assert "<mark>Grandparents</mark> felt unheard by schools." in html
    assert f'href="/cohorts/cohort-2023/kinship-care/#finding-{finding.key}"' in html


@pytest.mark.django_db
def test_every_filter_is_a_labelled_input_in_a_fieldset(client, project):
    html = client.get(URL).content.decode()
    for legend in ("Theme", "Cohort", "Year", "Place", "Evidence type", "Confidence", "Status"):
        assert f"<legend>{legend}</legend>" in html
    input_ids = re.findall(r'<input[^>]* id="([^"]+)"', html)
    labels = set(re.findall(r'<label for="([^"]+)"', html))
    assert input_ids and set(input_ids) <= labels
    assert 'id="filter-theme-1" name="theme" value="belonging"' in html
    assert 'Belonging <span class="meta">(2)</span>' in html


@pytest.mark.django_db
def test_zero_results_offer_a_suggestion_and_filters_to_remove(client, project):
    response = client.get(URL, {"q": "grandparnets", "place": "Bradford"})
    html = response.content.decode()
    assert "No results for “grandparnets”" in html
    assert 'Did you mean <a href="?q=grandparents&amp;place=Bradford">grandparents</a>?' in html
    assert '<a href="?q=grandparnets">Remove “Place: Bradford”</a>' in html


@pytest.mark.django_db
def test_results_are_paged_twenty_at_a_time(client, project):
    for n in range(24):
        FindingFactory(page=project, headline=f"Grandparents finding {n}.")

    first = client.get(URL, {"q": "grandparents"}).content.decode()
    assert "25 results, showing 1 to 20" in first
    assert 'href="?q=grandparents&amp;page=2" rel="next"' in first
    second = client.get(URL, {"q": "grandparents", "page": "2"}).content.decode()
    assert "showing 21 to 25" in second
    assert second.count('class="hit hit--') == 5


@pytest.mark.django_db
def test_empty_query_with_a_filter_lists_filtered_results(client, project):
    ProjectPageFactory(parent=project.get_parent(), title="Unthemed project")
    html = client.get(URL, {"theme": "belonging"}).content.decode()
    assert "2 results" in html
    assert "Unthemed project" not in html


@pytest.mark.django_db
def test_query_text_is_escaped(client, project):
    html = client.get(URL, {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message", "listed"),
    [
        (
            {"q": '"grandparents" AND (schools:*~ OR /unheard\\)'},
            "Quotation marks, brackets",
            "1 result",
        ),
        ({"q": "AND OR NOT"}, "AND, OR and NOT are not search commands", "2 results"),
        ({"q": "grandparents " * 1000}, "Searches can be up to 200 characters long", "1 result"),
        ({"theme": "no-such-theme"}, "There is no theme called “no-such-theme”.", "2 results"),
        ({"cohort": "no-such-cohort"}, "There is no cohort called “no-such-cohort”.", "2 results"),
        ({"page": "abc"}, "The page number must be a whole number, such as 2.", "2 results"),
        ({"page": "99999"}, "There is only 1 page of results", "2 results"),
        ({"place": ["Leeds", "Bradford"]}, "Give one place only: the address had 2.", "2 results"),
        ({"status": "finished"}, "There is no status called “finished”.", "2 results"),
        ({"year": "2023.5"}, "The year must be a whole number", "2 results"),
    ],
)
def test_bad_input_gets_a_page_that_explains(client, project, params, message, listed):
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # The page still lists what it can rather than nothing: the project and its finding, or the
    # finding alone when the words searched for are only in the finding.
    assert f'<h2 id="results-heading">{listed}' in html
