"""The impact figures, their charts and downloads, "Our impact", and searches that found nothing."""

import csv
import io

from django.urls import reverse

import pytest

from impact import charts, figures
from impact.models import PublishedFigure, UnmetSearch
from impact.unmet_searches import normalise
from reuse.models import FindingUse, ModerationStatus, OrganisationType
from tests.factories import FindingFactory, ProjectPageFactory
from tests.impact.conftest import publish


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# Searches that found nothing ---------------------------------------------------------------------


def test_a_search_that_finds_nothing_is_counted_by_its_words_only(client, completed):
    client.get("/search/?q=  Horse   RIDING  ", REMOTE_ADDR="203.0.113.9")
    client.get("/api/search/?q=horse riding")
    row = UnmetSearch.objects.get()
    assert (row.query, row.count, row.month.day) == ("horse riding", 2, 1)
    stored = [str(v) for v in UnmetSearch.objects.values_list(flat=True)]
    assert not any("203.0.113.9" in value for value in stored)
    assert [f.name for f in UnmetSearch._meta.get_fields()] == ["id", "query", "month", "count"]


def test_a_search_that_finds_something_or_has_no_words_is_not_counted(client, completed):
    client.get("/search/?q=warm letters")
    client.get("/search/")
    client.get("/search/?place=Leeds")
    assert not UnmetSearch.objects.exists()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jo.Bloggs@example.org asked", "[email address] asked"),
        ("call 0113 496 0000", "call [number]"),
        ("nhs 943 476 5919", "nhs [number]"),
        ("trauma 2023 2024", "trauma 2023 2024"),
        ("ＦＵＬＬ width", "full width"),
    ],
)
def test_personal_details_are_taken_out_of_the_words(text, expected):
    assert normalise(text) == expected


def test_searches_that_found_nothing_are_grouped_and_counted_across_months(db):
    from datetime import date

    UnmetSearch.objects.create(query="horse riding", month=date(2026, 1, 1), count=3)
    UnmetSearch.objects.create(query="horse riding", month=date(2026, 2, 1), count=2)
    UnmetSearch.objects.create(query="archery", month=date(2026, 2, 1), count=4)
    assert figures.unmet_searches().rows == [("horse riding", 5), ("archery", 4)]


def test_searches_that_found_nothing_are_never_published(client, db):
    UnmetSearch.objects.create(query="SECRET-WORDS", month="2026-01-01", count=1)
    PublishedFigure.objects.create(figure="unmet-searches")
    assert client.get(reverse("our_impact_csv", args=["unmet-searches"])).status_code == 404
    assert "SECRET-WORDS" not in client.get(reverse("our_impact")).content.decode()


# Use reports ------------------------------------------------------------------------------------


@pytest.fixture
def uses(completed):
    finding = completed.findings.first()
    for organisation, status in [
        (OrganisationType.NHS, ModerationStatus.APPROVED),
        (OrganisationType.NHS, ModerationStatus.APPROVED),
        (OrganisationType.SCHOOL, ModerationStatus.APPROVED),
        (OrganisationType.POLICE, ModerationStatus.PENDING),
    ]:
        FindingUse.objects.create(
            finding=finding, organisation_type=organisation, how_used="x", status=status
        )


def test_use_reports_are_counted_by_month_sector_and_place_approved_only(uses):
    by_sector = dict(figures.uses_by_sector(public=False).rows)
    assert by_sector["NHS"] == 2 and by_sector["School"] == 1 and by_sector["Police"] == 0
    assert dict(figures.uses_by_place(public=False).rows)["Leeds"] == 3
    months = figures.uses_by_month(public=False)
    assert len(months.rows) == figures.USE_MONTHS
    assert months.rows[-1][1] == 3 and months.total == 3


def test_findings_are_counted_per_cohort_and_theme_published_only(completed):
    draft = ProjectPageFactory(parent=completed.get_parent(), live=False)
    FindingFactory(page=draft)
    assert figures.findings_by_cohort(public=True).rows == [(completed.cohort.title, 1)]


# Charts, tables and downloads -------------------------------------------------------------------


def test_each_chart_is_an_accessible_image_that_states_its_values(uses):
    figure = figures.uses_by_sector(public=False)
    svg = str(charts.render(figure))
    assert 'role="img"' in svg and "aria-labelledby=" in svg
    assert "<title" in svg and "NHS: 2" in svg
    assert "<script" not in svg


def test_labels_in_a_chart_are_escaped(db):
    figure = figures.Figure("x", "T", "D", "L", "V", [("<script>alert(1)</script>", 1)])
    svg = str(charts.render(figure))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_every_figure_on_the_impact_page_has_a_table_and_a_csv(
    programme_team_client, uses, completed
):
    page = programme_team_client.get(reverse("impact_page")).content.decode()
    assert "<script" not in page.split('class="nice-padding impact"')[1]
    for slug in figures.BUILDERS:
        assert f'id="{slug}"' in page
        assert reverse("impact_csv", args=[slug]) in page
        response = programme_team_client.get(reverse("impact_csv", args=[slug]))
        rows = read_csv(response)
        assert rows[0] == figures.build(slug, public=False).csv_headers
    assert "The site does not count feed subscribers, and cannot do so honestly." in page


def test_a_downloaded_search_cannot_run_as_a_formula(programme_team_client, db):
    UnmetSearch.objects.create(query="=hyperlink(1)", month="2026-01-01", count=1)
    rows = read_csv(programme_team_client.get(reverse("impact_csv", args=["unmet-searches"])))
    assert rows[1][0] == "'=hyperlink(1)"


def test_unknown_figure_is_a_plain_not_found(programme_team_client):
    assert programme_team_client.get("/admin/impact/nothing.csv").status_code == 404


# Our impact -------------------------------------------------------------------------------------


def test_our_impact_shows_only_the_figures_the_team_published(client, uses, completed):
    assert "has not published any figures yet" in client.get(reverse("our_impact")).content.decode()
    PublishedFigure.objects.create(figure="uses-by-sector")
    page = client.get(reverse("our_impact")).content.decode()
    assert 'id="uses-by-sector"' in page
    assert 'id="uses-by-place"' not in page
    assert client.get(reverse("our_impact_csv", args=["uses-by-place"])).status_code == 404
    rows = read_csv(client.get(reverse("our_impact_csv", args=["uses-by-sector"])))
    assert ["NHS", "2"] in rows


def test_our_impact_counts_uses_of_public_projects_only(client, uses, completed):
    PublishedFigure.objects.create(figure="uses-by-sector")
    completed.unpublish()
    assert dict(figures.uses_by_sector(public=True).rows)["NHS"] == 0
    assert dict(figures.uses_by_sector(public=False).rows)["NHS"] == 2


def test_our_impact_runs_no_script(client, db):
    PublishedFigure.objects.create(figure="findings-by-cohort")
    page = client.get(reverse("our_impact")).content.decode()
    assert "<script" not in page.split("<main")[1]


def test_a_project_published_again_keeps_its_counted_findings(completed):
    publish(completed)
    assert figures.findings_by_cohort(public=True).total == 1


def test_follow_ups_by_status_has_a_chart_table_and_csv_but_is_never_published(
    programme_team_client, client, completed, fellow
):
    from tests.impact.conftest import make_follow_up

    make_follow_up(completed, fellow)
    rows = read_csv(programme_team_client.get(reverse("impact_csv", args=["follow-ups-by-status"])))
    assert rows[1] == ["Waiting for the fellow's answer", "1"]
    assert "follow-ups-by-status" not in figures.PUBLISHABLE
    programme_team_client.post(reverse("impact_publish"), {"figure": ["follow-ups-by-status"]})
    assert not PublishedFigure.objects.exists()
    assert client.get("/our-impact/follow-ups-by-status.csv").status_code == 404
