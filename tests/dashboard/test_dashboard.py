"""The programme dashboard: who may see it, what each table counts, and its CSV downloads."""

import csv
import io
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction, TaskState, Workflow

import pytest

from core.vocabularies import Confidence, EvidenceType, Status
from dashboard.exports import safe_cell
from dashboard.reports import Dashboard
from reuse.models import FindingUse, ModerationStatus
from tests.factories import (
    CohortPageFactory,
    FindingFactory,
    ProjectPageFactory,
    ThemeFactory,
)
from tests.reviews.helpers import People

DASHBOARD = "/admin/programme-dashboard/"


def csv_url(table):
    return reverse("programme_dashboard_csv", args=[table])


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def team(client, people):
    client.force_login(people.users["programme_team"])
    return client


def findings_map(report):
    """The evidence map as {theme: {evidence type label: (count, strongest)}}."""
    return {
        row.theme: {column.label: (cell.count, cell.strongest) for column, cell in row.pairs}
        | {"All": (row.total.count, row.total.strongest)}
        for row in report.rows
    }


# Who may see it ---------------------------------------------------------------------------------


def test_url_is_where_the_menu_points():
    assert reverse("programme_dashboard") == DASHBOARD


@pytest.mark.parametrize("role", ["programme_team", "superuser"])
def test_programme_team_and_superusers_see_the_dashboard(client, people, role):
    client.force_login(people.users[role])
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    page = response.content.decode()
    for heading in (
        "Projects by status per cohort",
        "Evidence and gap map",
        "Places covered",
        "Reviews waiting",
        "Findings used in practice",
    ):
        assert heading in page


@pytest.mark.parametrize(
    "role", ["listed_fellow", "other_cohort_fellow", "assigned_mentor", "unassigned_mentor"]
)
def test_fellows_and_mentors_are_turned_away_from_the_dashboard_and_its_downloads(
    client, people, role
):
    people.project(live=True, title="Secret figures", slug="secret-figures")
    client.force_login(people.users[role])
    for url in (DASHBOARD, csv_url("projects-by-status"), csv_url("reviews-waiting")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert "Secret figures" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, people):
    for url in (DASHBOARD, csv_url("places")):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]


def test_menu_shows_the_dashboard_to_the_programme_team_only(client, people):
    client.force_login(people.users["programme_team"])
    assert DASHBOARD in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(people.users["listed_fellow"])
    assert DASHBOARD not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_unknown_table_is_a_plain_not_found(team):
    assert team.get(csv_url("salaries")).status_code == 404


# Projects by status -----------------------------------------------------------------------------


def test_projects_are_counted_by_status_per_cohort_drafts_included(team, people):
    cohort, other = people.cohort, people.other_cohort
    ProjectPageFactory(parent=cohort, status=Status.COMPLETE)
    ProjectPageFactory(parent=cohort, status=Status.COMPLETE, live=False)
    ProjectPageFactory(parent=cohort, status=Status.PROPOSED, live=False)
    ProjectPageFactory(parent=other, status=Status.WRITING_UP)

    report = Dashboard().projects_by_status
    rows = {r["cohort"]: r for r in report["rows"]}
    # Statuses in vocabulary order: proposed, in progress, writing up, complete.
    assert rows["Class of 2024"]["statuses"] == [1, 0, 0, 2]
    assert (rows["Class of 2024"]["total"], rows["Class of 2024"]["published"]) == (3, 1)
    assert rows["Class of 2023"]["statuses"] == [0, 0, 1, 0]
    assert [r["cohort"] for r in report["rows"]] == ["Class of 2024", "Class of 2023"]
    assert report["totals"]["total"] == 4

    table = read_csv(team.get(csv_url("projects-by-status")))
    assert table[0] == [
        "Cohort",
        "Proposed",
        "In progress",
        "Writing up",
        "Complete",
        "All projects",
        "Published",
    ]
    assert table[1] == ["Class of 2024", "1", "0", "0", "2", "3", "1"]
    assert table[-1] == ["All cohorts", "1", "0", "1", "2", "4", "2"]


# Evidence and gap map ---------------------------------------------------------------------------


def test_evidence_map_counts_published_findings_under_their_own_and_their_projects_themes(
    team, people
):
    belonging, safety, empty = (ThemeFactory(name=n) for n in ("Belonging", "Safety", "Play"))
    project = ProjectPageFactory(parent=people.cohort, themes=[belonging])
    strong = FindingFactory(
        page=project, evidence_type=EvidenceType.SURVEY, confidence=Confidence.STRONG
    )
    strong.themes.set([safety])
    strong.save()
    FindingFactory(page=project, evidence_type=EvidenceType.SURVEY, confidence=Confidence.EMERGING)
    FindingFactory(
        page=project, evidence_type=EvidenceType.INTERVIEWS, confidence=Confidence.MODERATE
    )
    # Neither a draft's findings nor a private project's count.
    draft = ProjectPageFactory(parent=people.cohort, live=False, themes=[empty])
    FindingFactory(page=draft, confidence=Confidence.STRONG)
    private = ProjectPageFactory(parent=people.cohort, themes=[empty])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    FindingFactory(page=private, confidence=Confidence.STRONG)
    # A finding with no theme anywhere still shows, on its own row.
    unthemed = ProjectPageFactory(parent=people.cohort)
    FindingFactory(
        page=unthemed, evidence_type=EvidenceType.LIVED_EXPERIENCE, confidence=Confidence.EMERGING
    )

    report = Dashboard().evidence_map
    cells = findings_map(report)
    assert cells["Belonging"]["Survey"] == (2, Confidence.STRONG)
    assert cells["Belonging"]["Interviews"] == (1, Confidence.MODERATE)
    assert cells["Belonging"]["Focus groups"] == (0, "")
    assert cells["Belonging"]["All"] == (3, Confidence.STRONG)
    assert cells["Safety"]["Survey"] == (1, Confidence.STRONG)
    assert cells["Play"]["All"] == (0, "")
    assert cells["No theme"]["Lived experience"] == (1, Confidence.EMERGING)
    assert report.findings == 4
    assert report.strong_themes == ["Belonging", "Safety"]
    assert "No published findings on Play yet." in report.gaps

    page = team.get(DASHBOARD).content.decode()
    assert "strongest: </span>Strong" in page
    assert "Gap: no published findings" in page
    # The summary states the gaps in words, and the cells lead to the findings in search.
    assert "<li>No published findings on Play yet.</li>" in page
    assert "/search/?theme=belonging&amp;evidence=survey" in page
    assert f'href="{reverse("evidence_map")}"' in page

    table = read_csv(team.get(csv_url("evidence-map")))
    assert table[0] == ["Theme", "Evidence type", "Findings", "Strongest confidence"]
    assert ["Belonging", "Survey", "2", "Strong"] in table
    assert ["Belonging", "All evidence types", "3", "Strong"] in table
    assert ["Play", "All evidence types", "0", ""] in table


# Places -----------------------------------------------------------------------------------------


def test_places_count_every_project_in_each_of_its_places(team, people):
    ProjectPageFactory(parent=people.cohort, places=["Leeds", "Bradford"])
    ProjectPageFactory(parent=people.cohort, places=["Leeds"], live=False)
    ProjectPageFactory(parent=people.cohort, places=[])

    report = Dashboard().places
    rows = {r["place"]: (r["total"], r["published"]) for r in report["rows"]}
    assert rows["Leeds"] == (2, 1)
    assert rows["Bradford"] == (1, 1)
    assert rows["Wakefield"] == (0, 0)
    assert rows["No place given"] == (1, 1)
    assert "Wakefield" in report["uncovered"]

    table = read_csv(team.get(csv_url("places")))
    assert ["Leeds", "2", "1"] in table
    assert ["West Yorkshire (region-wide)", "0", "0"] in table


# Reviews waiting --------------------------------------------------------------------------------


def test_reviews_waiting_list_the_task_and_the_wait_oldest_first(team, people):
    workflow = Workflow.objects.get(name="Project review")
    submitter = people.users["listed_fellow"]
    recent = people.project(title="Recent project", slug="recent-project")
    older = people.project(title="Older project", slug="older-project")
    workflow.start(recent, submitter)
    workflow.start(older, submitter)
    people.project(title="Not submitted", slug="not-submitted")
    now = timezone.now()
    TaskState.objects.filter(workflow_state__object_id=str(older.pk)).update(
        started_at=now - timedelta(days=12)
    )
    TaskState.objects.filter(workflow_state__object_id=str(recent.pk)).update(
        started_at=now - timedelta(days=2)
    )

    rows = Dashboard(now=now).reviews_waiting["rows"]
    assert [(r["title"], r["task"], r["days"]) for r in rows] == [
        ("Older project", "Mentor review", 12),
        ("Recent project", "Mentor review", 2),
    ]
    assert rows[0]["reviewers"] == "Dev Assigned"
    assert rows[0]["cohort"] == "Class of 2024"
    assert rows[0]["submitted_by"] == "listed_fellow"

    page = team.get(DASHBOARD).content.decode()
    assert "Older project" in page and "Not submitted" not in page
    table = read_csv(team.get(csv_url("reviews-waiting")))
    assert table[0][-1] == "Days waiting"
    assert [row[0] for row in table[1:]] == ["Older project", "Recent project"]
    assert table[1][2:4] == ["Mentor review", "Dev Assigned"]


def test_admin_home_tells_the_programme_team_how_long_reviews_have_waited(client, people):
    project = people.project()
    Workflow.objects.get(name="Project review").start(project, people.users["listed_fellow"])
    TaskState.objects.update(started_at=timezone.now() - timedelta(days=9, hours=1))
    client.force_login(people.users["programme_team"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 review waiting; the longest has waited 9 days." in home
    client.force_login(people.users["assigned_mentor"])
    assert "the longest has waited" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_no_reviews_waiting_says_so(team):
    assert "No projects are waiting for review." in team.get(DASHBOARD).content.decode()


# Findings used in practice ----------------------------------------------------------------------


def test_only_approved_reports_of_use_are_counted(team, people):
    project = ProjectPageFactory(parent=people.cohort, title="Warm letters")
    popular = FindingFactory(page=project, headline="Warm letters helped.")
    other = FindingFactory(page=project, headline="Threats were remembered.")
    for finding, status in [
        (popular, ModerationStatus.APPROVED),
        (popular, ModerationStatus.APPROVED),
        (popular, ModerationStatus.PENDING),
        (other, ModerationStatus.APPROVED),
        (other, ModerationStatus.REJECTED),
    ]:
        FindingUse.objects.create(
            finding=finding, organisation_type="nhs", how_used="In clinic.", status=status
        )

    report = Dashboard().finding_uses
    assert [(r["headline"], r["uses"]) for r in report["rows"]] == [
        ("Warm letters helped.", 2),
        ("Threats were remembered.", 1),
    ]
    assert (report["approved"], report["pending"]) == (3, 1)

    table = read_csv(team.get(csv_url("finding-uses")))
    assert table == [
        ["Finding", "Project", "Approved uses"],
        ["Warm letters helped.", "Warm letters", "2"],
        ["Threats were remembered.", "Warm letters", "1"],
    ]


# CSV safety -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+1", "+44 113", "-2", "@SUM(A1)", "\t=1"])
def test_cells_a_spreadsheet_would_run_as_formulas_start_with_a_quote(value):
    assert safe_cell(value) == "'" + value


def test_ordinary_cells_and_numbers_are_left_alone():
    assert safe_cell("Belonging") == "Belonging"
    assert safe_cell(-2) == -2
    assert safe_cell(None) == ""


def test_downloaded_titles_cannot_run_as_formulas(team, people):
    CohortPageFactory(title='=HYPERLINK("http://example.com","Click")', slug="formula", year=2030)
    ThemeFactory(name="@SUM(1+1)")
    rows = read_csv(team.get(csv_url("projects-by-status")))
    assert ['\'=HYPERLINK("http://example.com","Click")'] == rows[1][:1]
    themes = [row[0] for row in read_csv(team.get(csv_url("evidence-map")))[1:]]
    assert "'@SUM(1+1)" in themes


def test_titles_with_html_are_escaped_on_the_dashboard(team, people):
    ProjectPageFactory(
        parent=people.cohort, themes=[ThemeFactory(name="<script>alert(1)</script>")]
    )
    page = team.get(DASHBOARD).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Cost -------------------------------------------------------------------------------------------


def add_programme(people, size):
    """``size`` cohorts' worth of projects, findings, themes, reviews and reports of use."""
    workflow = Workflow.objects.get(name="Project review")
    for _ in range(size):
        cohort = CohortPageFactory()
        theme = ThemeFactory()
        for m in range(3):
            project = ProjectPageFactory(
                parent=cohort, themes=[theme], places=["Leeds", "Kirklees"], live=m != 2
            )
            project.mentors.set([people.mentor])
            project.save()
            finding = FindingFactory(page=project, confidence=Confidence.STRONG)
            finding.themes.set([ThemeFactory()])
            finding.save()
            FindingUse.objects.create(
                finding=finding,
                organisation_type="nhs",
                how_used="Used.",
                status=ModerationStatus.APPROVED,
            )
            if m == 2:
                project.save_revision(user=people.users["listed_fellow"])
                workflow.start(project, people.users["listed_fellow"])


@pytest.mark.parametrize("url", [DASHBOARD, csv_url("reviews-waiting"), csv_url("evidence-map")])
def test_dashboard_costs_the_same_number_of_queries_however_much_data(
    team, people, django_assert_max_num_queries, url
):
    add_programme(people, 1)
    team.get(url)  # Warm the content type cache and the session.
    with CaptureQueriesContext(connection) as small:
        assert team.get(url).status_code == 200
    add_programme(people, 6)
    with django_assert_max_num_queries(len(small)):
        response = team.get(url)
    assert response.status_code == 200
    if url == DASHBOARD:
        assert response.content.decode().count("Mentor review") == 7
