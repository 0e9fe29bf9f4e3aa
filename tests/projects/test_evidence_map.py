"""The public evidence and gap map: what counts, where each cell leads, and the gaps in words."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from core.vocabularies import Confidence, EvidenceType
from projects import evidence_map
from tests.factories import FindingFactory, ProjectPageFactory, ThemeFactory

MAP = "/evidence-map/"

pytestmark = pytest.mark.django_db


def cells(report):
    return {
        row.theme: {column.label: (cell.count, cell.strongest) for column, cell in row.pairs}
        for row in report.rows
    }


def test_the_map_lives_at_its_own_public_address():
    assert reverse("evidence_map") == MAP


def test_only_published_public_findings_count_and_drafts_themes_are_not_named(client):
    zero = ThemeFactory(name="Zero tolerance", slug="zero-tolerance")
    secret = ThemeFactory(name="Secret theme", slug="secret-theme")
    project = ProjectPageFactory(themes=[zero])
    FindingFactory(page=project, evidence_type=EvidenceType.SURVEY, confidence=Confidence.STRONG)
    draft = ProjectPageFactory(live=False, themes=[secret, zero])
    FindingFactory(page=draft, evidence_type=EvidenceType.INTERVIEWS)
    private = ProjectPageFactory(themes=[zero])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    FindingFactory(page=private, evidence_type=EvidenceType.INTERVIEWS)

    report = evidence_map.build()
    assert report.findings == 1
    assert cells(report)["Zero tolerance"]["Survey"] == (1, Confidence.STRONG)
    assert cells(report)["Zero tolerance"]["Interviews"] == (0, "")

    page = client.get(MAP).content.decode()
    assert "Secret theme" not in page
    assert "1 published finding so far." in page


def test_every_cell_with_findings_links_to_those_findings_in_search(client):
    zero = ThemeFactory(name="Zero tolerance", slug="zero-tolerance")
    FindingFactory(
        page=ProjectPageFactory(themes=[zero]),
        evidence_type=EvidenceType.SERVICE_DATA,
        confidence=Confidence.MODERATE,
    )

    page = client.get(MAP).content.decode()
    cell = "/search/?theme=zero-tolerance&amp;evidence=service_data&amp;kind=finding"
    assert f'href="{cell}"' in page
    assert 'href="/search/?theme=zero-tolerance&amp;kind=finding"' in page  # the theme's total
    # The link says what it leads to, and the rating is an icon and a word, not colour alone.
    assert "finding on Zero tolerance: Service data, strongest" in page
    assert 'class="rating__text">Moderate</span>' in page
    # The search page accepts the link's parameters as a filter.
    results = client.get(cell.replace("&amp;", "&"))
    assert results.status_code == 200
    assert "There was a problem with your search" not in results.content.decode()


@pytest.mark.parametrize("view", [evidence_map.BY_EVIDENCE, evidence_map.BY_PLACE])
def test_every_cells_link_finds_as_many_results_as_the_cell_counts(client, view):
    # Projects carry the theme and the place too: the search behind a cell must not count them.
    zero = ThemeFactory(name="Zero tolerance", slug="zero-tolerance")
    belonging = ThemeFactory(name="Belonging", slug="belonging")
    leeds = ProjectPageFactory(themes=[zero], places=["Leeds"])
    FindingFactory(page=leeds, evidence_type=EvidenceType.SURVEY)
    FindingFactory(page=leeds, evidence_type=EvidenceType.INTERVIEWS).themes.add(belonging)
    both = ProjectPageFactory(themes=[zero, belonging], places=["Leeds", "Bradford"])
    FindingFactory(page=both, evidence_type=EvidenceType.SURVEY)

    report = evidence_map.build(view)
    links = [(c.url, c.count) for row in report.rows for c in [*row.cells, row.total] if c.url]
    assert len(links) >= 5
    for url, count in links:
        heading = re.search(
            r'id="results-heading">(\d+) results?', client.get(url).content.decode()
        )
        assert heading, f"{url} found nothing"
        assert int(heading[1]) == count, f"{url} finds {heading[1]}, the map says {count}"


def test_the_map_by_place_counts_each_place_of_the_project_and_links_to_it(client):
    zero = ThemeFactory(name="Zero tolerance", slug="zero-tolerance")
    FindingFactory(page=ProjectPageFactory(themes=[zero], places=["Leeds", "West Yorkshire"]))

    report = evidence_map.build(evidence_map.BY_PLACE)
    assert cells(report)["Zero tolerance"]["Leeds"][0] == 1
    assert cells(report)["Zero tolerance"]["West Yorkshire (region-wide)"][0] == 1
    assert cells(report)["Zero tolerance"]["Bradford"][0] == 0

    page = client.get(MAP, {"by": "place"}).content.decode()
    assert 'href="/search/?theme=zero-tolerance&amp;place=West+Yorkshire&amp;kind=finding"' in page
    assert 'aria-current="page">By place' in page
    assert "The findings on Zero tolerance come only from Leeds and West Yorkshire" in page


def test_an_unknown_arrangement_shows_the_map_by_evidence_type(client):
    response = client.get(MAP, {"by": "<script>"})
    assert response.status_code == 200
    assert 'aria-current="page">By evidence type' in response.content.decode()


def test_gap_statements_say_what_each_theme_lacks_from_the_data():
    zero, belonging, play = (
        ThemeFactory(name=name) for name in ("Zero tolerance", "Belonging", "Play")
    )
    for evidence in [t for t in EvidenceType.values if t != EvidenceType.LIVED_EXPERIENCE]:
        FindingFactory(
            page=ProjectPageFactory(themes=[belonging]),
            evidence_type=evidence,
            confidence=Confidence.STRONG,
        )
    FindingFactory(
        page=ProjectPageFactory(themes=[zero]),
        evidence_type=EvidenceType.INTERVIEWS,
        confidence=Confidence.MODERATE,
    )
    play.description = "Play in the early years."
    play.save()

    gaps = evidence_map.build().gaps
    assert "No lived-experience evidence on Belonging yet." in gaps
    assert (
        "The findings on Zero tolerance come only from interviews: no lived-experience, "
        "focus-group, survey, service-data, literature-review, practice-reflection or "
        "mixed-methods evidence yet. Nothing on Zero tolerance is rated strong: the strongest "
        "is moderate."
    ) in gaps
    assert "No published findings on Play yet." in gaps
    assert "No lived-experience evidence on any theme yet." in gaps
    assert not any("Belonging is rated" in statement for statement in gaps)


def test_a_map_with_no_gaps_says_so_rather_than_listing_nothing(client):
    theme = ThemeFactory(name="Belonging")
    for evidence in EvidenceType.values:
        FindingFactory(
            page=ProjectPageFactory(themes=[theme]),
            evidence_type=evidence,
            confidence=Confidence.STRONG,
        )
    assert evidence_map.build().gaps == []
    assert "Every theme has findings of every kind of evidence" in client.get(MAP).content.decode()


def test_cell_sizes_grow_with_the_number_of_findings():
    theme = ThemeFactory(name="Belonging")
    project = ProjectPageFactory(themes=[theme])
    for _ in range(8):
        FindingFactory(page=project, evidence_type=EvidenceType.SURVEY)
    FindingFactory(page=project, evidence_type=EvidenceType.INTERVIEWS)

    row = evidence_map.build().rows[0]
    sizes = {column.value: cell.size for column, cell in row.pairs}
    assert sizes[EvidenceType.SURVEY] == evidence_map.SIZES
    assert sizes[EvidenceType.INTERVIEWS] == 1
    assert sizes[EvidenceType.FOCUS_GROUPS] == 0


def test_the_map_costs_the_same_queries_however_many_findings(client):
    def add(n):
        for _ in range(n):
            theme = ThemeFactory()
            project = ProjectPageFactory(themes=[theme], places=["Leeds"])
            finding = FindingFactory(page=project, confidence=Confidence.STRONG)
            finding.themes.set([ThemeFactory()])
            finding.save()

    add(1)
    client.get(MAP)
    with CaptureQueriesContext(connection) as small:
        assert client.get(MAP).status_code == 200
    add(5)
    with CaptureQueriesContext(connection) as large:
        assert client.get(MAP).status_code == 200
    assert len(large) == len(small)


def test_practitioners_reach_the_map_from_every_public_page_and_from_the_themes(client, home):
    zero = ThemeFactory(name="Zero tolerance", slug="zero-tolerance")
    FindingFactory(page=ProjectPageFactory(themes=[zero]))
    link = f'href="{MAP}"'

    for address in ("/", "/search/", "/how-to-read-a-finding/", MAP):
        assert link in client.get(address).content.decode(), f"{address} has no link to the map"
    # Beside the themes, not only in the footer: that is where a reader comparing themes looks.
    for address in ("/themes/", "/themes/zero-tolerance/"):
        assert client.get(address).content.decode().count(link) == 2, address
