"""seed_demo's follow-ups: the class of 2023's 12-month round, true on first run and after a rerun."""

from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from wagtail.models import Site

import pytest

from impact.models import FollowUp, FollowUpStatus

PROJECT = "/cohorts/class-of-2023/trauma-informed-communications/"
AWAITING = "/cohorts/class-of-2023/first-hour-in-custody/"


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            with override_settings(DEBUG=True):
                out = StringIO()
                call_command("seed_demo", stdout=out, stderr=out)
            yield out.getvalue()
            transaction.set_rollback(True)
        Site.clear_site_root_paths_cache()


@pytest.fixture
def output(demo, db):
    return demo


class TestDemoFollowUps:
    def test_the_class_of_2023_has_a_round_of_12_month_follow_ups(self, output):
        assert "Follow-ups: 5 12-month follow-ups of the class of 2023." in output
        assert set(FollowUp.objects.values_list("months", flat=True)) == {12}
        statuses = sorted(f.status for f in FollowUp.objects.all())
        assert statuses.count(FollowUpStatus.REVIEWED) == 3
        assert statuses.count(FollowUpStatus.AWAITING_REVIEW) == 1
        assert statuses.count(FollowUpStatus.AWAITING_ANSWER) == 1

    def test_what_happened_next_shows_reviewed_answers_and_hides_the_one_awaiting_review(
        self, output, client
    ):
        page = client.get(PROJECT).content.decode()
        assert "What happened next" in page
        assert "12 months on" in page
        waiting = client.get(AWAITING).content.decode()
        assert "What happened next" not in waiting
        assert "Custody sergeants" not in waiting

    def test_our_impact_shows_something_on_first_run(self, output, client):
        page = client.get("/our-impact/").content.decode()
        assert "What changed after the fellowship" in page
        assert "has not published any figures yet" not in page

    def test_the_impact_page_has_six_months_of_citation_downloads_on_first_run(self, output):
        from impact import figures

        figure = figures.citation_downloads(public=False)
        counted = [value for _label, value in figure.rows if value]
        assert len(counted) == 6
        assert figure.table_rows[-1][1:] == ([10, 4, 3], 17)

    def test_running_again_puts_the_follow_ups_back_as_they_were(self, output, settings):
        first = list(FollowUp.objects.order_by("pk").values())
        FollowUp.objects.update(status=FollowUpStatus.AWAITING_REVIEW, practice_change="changed")
        settings.DEBUG = True
        call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
        assert list(FollowUp.objects.order_by("pk").values()) == first
