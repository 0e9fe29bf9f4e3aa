"""The weekly digest to the programme team: what changed, what is overdue, and nothing private."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.tracking.conftest import SECRET_NOTE
from tracking.digest import send_digest
from tracking.models import CheckIn, DigestSent, Rating


def test_the_digest_goes_to_the_programme_team_with_what_is_overdue(scene, people):
    CheckIn.objects.create(
        project=scene.project,
        date=timezone.localdate() - timedelta(days=2),
        rating=Rating.GOING_WELL,
        note=SECRET_NOTE,
    )
    call_command("send_tracker_digest", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [people.users["programme_team"].email]
    assert "Class of 2024" in message.body
    assert "Quiet streets: Data collection" in message.body and "5 days late" in message.body
    # This week's check-in: its date and rating, never its note; last fortnight's is not news.
    assert "Quiet streets: check-in on" in message.body and "going well" in message.body
    assert "some concerns" not in message.body
    assert SECRET_NOTE not in message.body
    assert DigestSent.objects.count() == 1


def test_the_next_digest_says_which_projects_changed_status_and_what_was_done(scene):
    send_digest()
    mail.outbox.clear()
    milestone = scene.milestones["Data collection"]
    milestone.done_on = timezone.localdate()
    milestone.save()
    CheckIn.objects.create(project=scene.project, rating=Rating.STRUGGLING)
    send_digest(now=timezone.now() + timedelta(minutes=1))
    body = mail.outbox[0].body
    assert "Quiet streets: Amber to Red (Last check-in: struggling)" in body
    assert "“Data collection” done on" in body
    assert "Nothing is overdue." in body


def test_a_dry_run_prints_the_digest_and_sends_nothing(scene, capsys):
    call_command("send_tracker_digest", "--dry-run")
    assert "Quiet streets: Data collection" in capsys.readouterr().out
    assert mail.outbox == [] and not DigestSent.objects.exists()
