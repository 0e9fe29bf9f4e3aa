"""Citation downloads on the impact page: a chart, a table by format, a CSV, a figure "Our impact"
can publish, and a sheet of the evaluation export."""

from datetime import date

from django.urls import reverse

import pytest

from impact import evaluation, figures
from impact.models import PublishedFigure
from reuse.models import CitationDownloads
from tests.impact.test_figures import read_csv

pytestmark = pytest.mark.django_db
TODAY = date(2026, 4, 15)


@pytest.fixture
def downloads(db):
    for month, cited, citation_format, count in [
        ("2026-03-01", "project", "bibtex", 4),
        ("2026-03-01", "finding", "bibtex", 1),
        ("2026-03-01", "finding", "ris", 2),
        ("2026-04-01", "project", "csl-json", 3),
        ("2023-01-01", "project", "ris", 50),  # more than 24 months ago
    ]:
        CitationDownloads.objects.create(
            month=month, cited=cited, format=citation_format, count=count
        )


def test_downloads_are_shown_by_month_and_format_over_24_months(downloads):
    figure = figures.citation_downloads(public=False, today=TODAY)
    assert figure.split_headings == ["BibTeX", "RIS", "CSL-JSON"]
    table = {label: (parts, value) for label, parts, value in figure.table_rows}
    assert len(table) == figures.USE_MONTHS
    assert table["Mar 2026"] == ([5, 2, 0], 7)
    assert table["Apr 2026"] == ([0, 0, 3], 3)
    assert figure.total == 10
    assert figure.split_totals == [5, 2, 3]


def test_the_impact_page_has_the_chart_the_table_and_a_csv_by_format(
    programme_team_client, downloads
):
    page = programme_team_client.get(reverse("impact_page")).content.decode()
    section = page.split('id="citation-downloads"')[1].split("</section>")[0]
    assert '<svg class="impact-chart" role="img"' in section
    assert '<th scope="col" class="number">CSL-JSON</th>' in section
    rows = read_csv(programme_team_client.get(reverse("impact_csv", args=["citation-downloads"])))
    assert rows[0] == ["Month", "BibTeX", "RIS", "CSL-JSON", "Downloads"]
    assert len(rows) == figures.USE_MONTHS + 1


def test_the_team_can_publish_citation_downloads_on_our_impact(
    client, programme_team_client, downloads
):
    assert "citation-downloads" in figures.PUBLISHABLE
    assert client.get(reverse("our_impact_csv", args=["citation-downloads"])).status_code == 404
    programme_team_client.post(reverse("impact_publish"), {"figure": ["citation-downloads"]})
    assert PublishedFigure.objects.filter(figure="citation-downloads").exists()
    page = client.get(reverse("our_impact")).content.decode()
    assert 'id="citation-downloads"' in page
    rows = read_csv(client.get(reverse("our_impact_csv", args=["citation-downloads"])))
    assert rows[0] == ["Month", "BibTeX", "RIS", "CSL-JSON", "Downloads"]


def test_the_evaluation_export_has_a_citation_downloads_sheet_in_its_dictionary(downloads):
    book = evaluation.build_workbook()
    rows = list(book["Citation downloads"].values)
    assert rows[0] == ("month", "cited", "format", "count")
    assert len(rows) == 6
    assert rows[1][1:] == ("Project", "RIS", 50)
    dictionary = {(r[0], r[1]) for r in book["Data dictionary"].values}
    for heading in rows[0]:
        assert ("Citation downloads", heading) in dictionary
