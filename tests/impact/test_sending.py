"""send_follow_ups: who is asked, when, with which link, and never twice."""

from datetime import date
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command

import pytest

from core.vocabularies import Status
from impact.follow_ups import add_months, follow_up_for_token, send_due_follow_ups
from impact.models import FollowUp
from tests.factories import FellowFactory, ProjectPageFactory
from tests.impact.conftest import publish


def run(*args):
    out = StringIO()
    call_command("send_follow_ups", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_the_command_sends_each_follow_up_once_however_often_it_runs(completed, fellow):
    first = run()
    run()
    run()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["asha.patel@example.org"]
    assert "Sent 1 follow-up(s)." in first
    assert FollowUp.objects.count() == 1


def test_the_email_carries_one_link_that_opens_this_follow_up(completed, fellow):
    run()
    body = mail.outbox[0].body
    links = [word for word in body.split() if "/follow-up/" in word]
    assert len(links) == 1
    token = links[0].rstrip("/").rsplit("/", 1)[1]
    assert follow_up_for_token(token) == FollowUp.objects.get()
    assert "Warm letters" in mail.outbox[0].subject


def test_nothing_is_sent_before_the_first_interval(completed):
    report = send_due_follow_ups(today=date(2024, 5, 29))
    assert report.sent == []
    assert mail.outbox == []


def test_each_interval_is_sent_when_it_falls_due(completed):
    send_due_follow_ups(today=date(2024, 5, 30))
    send_due_follow_ups(today=date(2024, 11, 30))
    send_due_follow_ups(today=date(2025, 12, 1))
    assert sorted(FollowUp.objects.values_list("months", flat=True)) == [6, 12, 24]
    assert len(mail.outbox) == 3


def test_a_project_long_finished_gets_only_its_latest_follow_up(completed):
    send_due_follow_ups(today=date(2026, 1, 1))
    assert list(FollowUp.objects.values_list("months", flat=True)) == [24]
    assert len(mail.outbox) == 1


def test_intervals_come_from_the_settings(completed, settings):
    settings.FOLLOW_UP_MONTHS = [3]
    send_due_follow_ups(today=date(2024, 3, 1))
    assert list(FollowUp.objects.values_list("months", "due_on")) == [(3, date(2024, 2, 29))]


def test_projects_not_complete_or_not_live_are_not_followed_up(home, fellow):
    ProjectPageFactory(status=Status.WRITING_UP, end_date=date(2020, 1, 1), fellows=[fellow])
    draft = ProjectPageFactory(
        status=Status.COMPLETE, end_date=date(2020, 1, 1), fellows=[fellow], live=False
    )
    draft.save_revision()
    send_due_follow_ups(today=date(2026, 1, 1))
    assert FollowUp.objects.count() == 0


def test_every_fellow_of_a_project_is_asked_and_one_without_email_is_reported(home):
    with_email = FellowFactory(email="one@example.org")
    without = FellowFactory(email="")
    publish(
        ProjectPageFactory(
            status=Status.COMPLETE, end_date=date(2023, 1, 1), fellows=[with_email, without]
        )
    )
    output = run()
    assert [m.to for m in mail.outbox] == [["one@example.org"]]
    assert "no email address" in output


def test_a_failed_send_is_tried_again_next_run_and_then_only_once(completed):
    with mock.patch("impact.follow_ups.send_mail", side_effect=OSError("mail server down")):
        report = send_due_follow_ups()
    assert len(report.failed) == 1
    assert FollowUp.objects.get().sent_at is None
    send_due_follow_ups()
    send_due_follow_ups()
    assert len(mail.outbox) == 1
    assert FollowUp.objects.get().sent_at is not None


def test_dry_run_sends_and_saves_nothing(completed):
    output = run("--dry-run")
    assert "Would send: 24-month follow-up" in output
    assert mail.outbox == []
    assert FollowUp.objects.count() == 0


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2023, 11, 30), 24, date(2025, 11, 30)),
    ],
)
def test_months_are_added_within_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_the_task_worker_sends_due_follow_ups_through_the_queued_task(completed, fellow):
    from impact.tasks import send_follow_ups

    result = send_follow_ups.enqueue()
    assert result.return_value == {"sent": 1, "no_email": 0, "failed": 0}
    assert len(mail.outbox) == 1
    assert send_follow_ups.enqueue().return_value["sent"] == 0
