"""``seed_demo``: the demo content, accounts and draft in review, and running it again."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.http import HttpRequest
from django.test import override_settings

from wagtail.models import Page, Revision, Site, TaskState, WorkflowState

import pytest

from cohorts.models import CohortPage, Fellow, Mentor
from core.vocabularies import Confidence, EvidenceType, Setting, Status
from demo.management.commands.seed_demo import DEMO_ACCOUNTS, DRAFT_AWAITING_REVIEW
from events.models import EventPage, EventSession
from projects.models import Finding, ProjectPage, Theme

DRAFT_URL = f"/cohorts/class-of-2024/{DRAFT_AWAITING_REVIEW}/"


def seed_demo(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Seed once for a class of read-only tests (an import takes seconds), then roll it all back.

    Each test still runs in its own nested transaction, so what a test writes is undone too.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            with override_settings(DEBUG=True):
                output = seed_demo()
            yield output
            transaction.set_rollback(True)
        # The rolled-back site would otherwise linger in Wagtail's cache for later tests.
        Site.clear_site_root_paths_cache()


@pytest.fixture
def output(demo, db):
    return demo


def snapshot():
    """Row counts and account details that a second run must leave exactly as they were."""
    user_model = get_user_model()
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": list(
            user_model.objects.order_by("pk").values_list("pk", "username", "password", "email")
        ),
        "memberships": user_model.groups.through.objects.count(),
        "fellows": list(Fellow.objects.order_by("pk").values_list("pk", "user_id")),
        "mentors": list(Mentor.objects.order_by("pk").values_list("pk", "user_id")),
        "themes": Theme.objects.count(),
        "findings": list(Finding.objects.order_by("pk").values_list("pk", "key")),
        "sessions": EventSession.objects.count(),
        "workflow_states": WorkflowState.objects.count(),
        "task_states": TaskState.objects.count(),
        "sites": list(Site.objects.values_list("pk", "hostname", "port")),
    }


def test_refuses_to_run_when_debug_is_off_without_force(settings, site):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed_demo()
    assert not CohortPage.objects.exists()
    assert not get_user_model().objects.exists()


class TestDemoSite:
    """Tests that read the demo site seeded once for the class."""

    def test_first_run_on_an_empty_site_says_what_it_did(self, output):
        assert "projects:  17 created" in output
        assert "Account admin: created." in output
        assert "submitted by Zara Iqbal, now in 'Mentor review'" in output
        assert "http://127.0.0.1:8000/admin/" in output

    def test_loads_both_cohorts_with_seventeen_fellows_in_2024(self, output):
        cohorts = {c.slug: c for c in CohortPage.objects.all()}
        assert sorted(cohorts) == ["class-of-2023", "class-of-2024"]
        assert cohorts["class-of-2024"].title == "Class of 2024"
        assert cohorts["class-of-2024"].strand == "Adversity, Trauma and Resilience"
        assert cohorts["class-of-2024"].programme == "Improving Population Health Fellowship"
        assert Fellow.objects.filter(cohort=cohorts["class-of-2024"]).count() == 17
        assert 3 <= Fellow.objects.filter(cohort=cohorts["class-of-2023"]).count() <= 8
        assert set(Fellow.objects.values_list("place", flat=True)) == {
            "Bradford",
            "Calderdale",
            "Kirklees",
            "Leeds",
            "Wakefield",
            "West Yorkshire",
        }
        assert not Fellow.objects.exclude(email__endswith="@example.org").exists()

    def test_class_of_2023_projects_cover_the_knowledge_exchange_topics(self, output):
        titles = list(
            ProjectPage.objects.child_of(CohortPage.objects.get(slug="class-of-2023")).values_list(
                "title", flat=True
            )
        )
        for topic in (
            "Trauma informed communications",
            "zero tolerance",
            "messiness of being humans",
        ):
            assert any(topic.lower() in title.lower() for title in titles), topic

    def test_projects_use_every_status_evidence_type_and_confidence(self, output):
        assert set(ProjectPage.objects.values_list("status", flat=True)) == set(Status.values)
        assert set(Finding.objects.values_list("evidence_type", flat=True)) == set(
            EvidenceType.values
        )
        assert set(Finding.objects.values_list("confidence", flat=True)) == set(Confidence.values)
        for project in ProjectPage.objects.all():
            assert 2 <= project.findings.count() <= 4, project.title
        assert ProjectPage.objects.exclude(content_note="").count() >= 5

    def test_most_published_findings_say_who_took_part_where_and_when(self, output):
        findings = list(Finding.objects.public())
        assert len(findings) >= 40
        for described in (
            [f for f in findings if f.participants is not None],
            [f for f in findings if f.setting],
            [f for f in findings if f.fieldwork_start and f.fieldwork_end],
        ):
            assert len(described) >= 0.75 * len(findings)
        settings_used = {f.setting for f in findings if f.setting}
        assert settings_used <= set(Setting.values)
        assert len(settings_used) >= 6

    def test_fieldwork_falls_within_its_project_and_cohort_year(self, output):
        findings = Finding.objects.exclude(fieldwork_start=None).select_related("page")
        assert findings.exists()
        for finding in findings:
            project = finding.page.specific
            period = (finding.fieldwork_start, finding.fieldwork_end)
            assert finding.fieldwork_end is not None, finding.headline
            assert project.start_date <= period[0] <= period[1] < project.end_date, period
            assert period[0].day == 1, period
            assert period[0].year == project.cohort.year, finding.headline

    def test_checked_findings_are_checked_by_a_mentor_of_their_own_project(self, output):
        published = Finding.objects.public().select_related("page", "checked_by")
        checked = [f for f in published if f.checked_by_id]
        # Both states are on show: most ratings checked, a few not (yet).
        assert 0.75 * len(published) <= len(checked) < len(published)
        for finding in checked:
            project = finding.page.specific
            assert finding.checked_by in project.mentors.all(), finding.headline
            assert finding.checked_at is not None
            assert finding.checked_at <= project.end_date
            if finding.fieldwork_end:
                assert finding.fieldwork_end <= finding.checked_at, finding.headline
            # A mentor checked these ratings, so they fit the evidence behind them.
            assert finding.rating_problems == [], finding.headline
        in_review = Finding.objects.filter(page__slug=DRAFT_AWAITING_REVIEW)
        assert in_review.exists() and not in_review.exclude(checked_by=None).exists()

    def test_checks_are_in_the_live_revision_as_the_review_records_them(self, output):
        """Publishing the live revision again, as a scheduled publish does, keeps every check."""
        for project in ProjectPage.objects.live():
            in_revision = {
                f["key"]: (f.get("checked_by"), f.get("checked_at"))
                for f in project.live_revision.content["findings"]
            }
            for finding in project.findings.all():
                checked_at = finding.checked_at.isoformat() if finding.checked_at else None
                assert in_revision[finding.key] == (finding.checked_by_id, checked_at)

    def test_a_finding_page_shows_its_details_and_its_mentors_check(self, output, client):
        finding = Finding.objects.get(headline__startswith="Letters rewritten with people")
        page = client.get(finding.get_permalink()).content.decode()
        for text in (
            "<dt>Participants or records</dt><dd>46</dd>",
            "<dt>Setting</dt><dd>Health service</dd>",
            "<dt>Fieldwork</dt><dd>April 2023 to June 2023</dd>",
            "The project's fellows, checked by Alison Crowther (mentor) on 16 November 2023",
        ):
            assert text in page

    def test_a_finding_page_without_a_check_says_only_who_rated_it(self, output, client):
        finding = Finding.objects.public().filter(checked_by=None, fieldwork_start=None).first()
        page = client.get(f"{finding.get_permalink()}?continue=1").content.decode()
        assert "<dt>Rated by</dt><dd>The project's fellows." in page
        assert "checked by" not in page
        assert "<dt>Fieldwork</dt>" not in page

    def test_named_themes_exist_with_descriptions(self, output):
        for name in (
            "Trauma informed communications",
            "Zero tolerance",
            "Belonging",
            "The messiness of being humans",
            "Adverse childhood experiences",
            "Relational practice",
            "Lived experience",
            "Staff wellbeing",
        ):
            theme = Theme.objects.get(name=name)
            assert theme.description
            assert theme.tagged_projects.exists(), name

    def test_loads_the_knowledge_exchange_with_its_sessions(self, output):
        event = EventPage.objects.get(
            title="4th Adversity, Trauma and Resilience Knowledge Exchange"
        )
        assert (str(event.start_date), str(event.end_date), event.format) == (
            "2024-03-05",
            "2024-03-07",
            "hybrid",
        )
        sessions = list(event.sessions.all())
        assert len(sessions) >= 5
        assert {s.format for s in sessions} == {"online", "in_person"}
        assert {str(s.date) for s in sessions} == {"2024-03-05", "2024-03-06", "2024-03-07"}
        assert all(
            s.recording_url.startswith("https://example.org/") for s in sessions if s.recording_url
        )
        presented = {p.slug for s in sessions for p in s.projects.all()}
        assert "the-messiness-of-being-humans" in presented
        assert DRAFT_AWAITING_REVIEW not in presented

    @pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
    def test_demo_account_can_log_in_in_its_role(self, output, client, account):
        user = get_user_model().objects.get(username=account.username)
        # The sign-in lockout needs a request to know where an attempt comes from.
        assert client.login(
            request=HttpRequest(), username=account.username, password=account.password
        )
        assert account.username in output and account.password in output
        if account.superuser:
            assert user.is_superuser
        else:
            assert list(user.groups.values_list("name", flat=True)) == [account.group]
            assert client.get("/admin/").status_code == 200
        if account.fellow:
            assert Fellow.objects.get(slug=account.fellow).user == user
        if account.mentor:
            assert Mentor.objects.get(email=account.mentor).user == user

    def test_one_mentor_is_assigned_to_the_draft_and_one_is_not(self, output):
        draft = ProjectPage.objects.get(slug=DRAFT_AWAITING_REVIEW)
        assigned = {m.user.username for m in draft.mentors.all()}
        assert "joanne.whitaker@example.org" in assigned
        assert "marcus.adeyemi@example.org" not in assigned
        assert draft.fellows.get().user.username == "zara.iqbal@example.org"

    def test_the_draft_is_not_public(self, output, client):
        draft = ProjectPage.objects.get(slug=DRAFT_AWAITING_REVIEW)
        assert not draft.live
        assert client.get(DRAFT_URL).status_code == 404
        cohort_page = client.get("/cohorts/class-of-2024/").content.decode()
        assert draft.title not in cohort_page

    def test_the_draft_waits_in_mentor_review_submitted_by_its_fellow(self, output):
        draft = ProjectPage.objects.get(slug=DRAFT_AWAITING_REVIEW)
        state = draft.current_workflow_state
        assert state is not None
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by.username == "zara.iqbal@example.org"
        assert state.current_task_state.task.name == "Mentor review"
        assert draft.get_latest_revision().user.username == "zara.iqbal@example.org"

    def test_force_runs_it_when_debug_is_off(self, output, settings):
        settings.DEBUG = False
        assert "already up to date" in seed_demo("--force")

    def test_running_twice_creates_nothing_new(self, output, settings):
        settings.DEBUG = True
        before = snapshot()
        second = seed_demo()
        assert snapshot() == before
        assert "already up to date" in second
        for account in DEMO_ACCOUNTS:
            assert f"Account {account.username}: unchanged." in second
        assert "already in review" in second

    def test_public_pages_show_demo_content(self, output, client):
        pages = {
            "/": "Fellowship Hub",
            "/cohorts/class-of-2024/": "Curiosity, not judgement",
            # A project with a content note shows its write-up once the reader chooses to continue.
            "/cohorts/class-of-2023/the-messiness-of-being-humans/?continue=1": "admitted a mistake",
            "/knowledge-exchange/4th-atr-knowledge-exchange/": "Can zero tolerance be trauma aware?",
            "/fellows/claire-sutcliffe/": "Claire Sutcliffe",
        }
        for url, text in pages.items():
            response = client.get(url)
            assert response.status_code == 200, url
            assert text in response.content.decode(), url

    @pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "localhost:8000"])
    def test_the_site_answers_on_local_addresses(self, output, client, host):
        assert Site.objects.get().root_url == "http://127.0.0.1:8000"
        response = client.get("/cohorts/", HTTP_HOST=host)
        assert response.status_code == 200
        assert "Class of 2023" in response.content.decode()
