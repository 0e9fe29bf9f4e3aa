"""Review emails people can act on: what happened, who, why, one link, text and HTML, or a digest."""

import re

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

import pytest

from reviews.account import ReviewEmailSettingsPanel
from reviews.models import HeldReviewEmail, ReviewEmailSettings
from reviews.notifications import (
    APPROVED,
    CHANGES_REQUESTED,
    REVIEW_REQUESTED,
    SIGN_OFF_REQUESTED,
    send_review_email,
)

REASON = "Say which schools took part."
TITLE = "Letters that do no harm"


def links_in(text):
    return set(re.findall(r"https?://[^\s\"<>]+", text))


@pytest.fixture
def journey(people, workflow):
    """A project at each step of review, with the email each step sends, by kind."""
    fellow, mentor, team = (
        people.users["listed_fellow"],
        people.users["assigned_mentor"],
        people.users["programme_team"],
    )
    project = people.project()
    state = workflow.start(project, fellow)
    emails = {}
    emails[REVIEW_REQUESTED] = (state.current_task_state, fellow)
    first = state.current_task_state.specific
    first.reject(user=mentor, comment=REASON)
    emails[CHANGES_REQUESTED] = (first, mentor)
    state.resume(user=fellow)
    state.refresh_from_db()
    state.current_task_state.specific.approve(user=mentor, comment="Clear and careful.")
    state.refresh_from_db()
    emails[SIGN_OFF_REQUESTED] = (state.current_task_state, mentor)
    state.current_task_state.specific.approve(user=team)
    state.refresh_from_db()
    emails[APPROVED] = (state.current_task_state, team)
    project.refresh_from_db()
    return project, emails


def send(kind, journey):
    project, emails = journey
    task_state, acting = emails[kind]
    mail.outbox.clear()
    send_review_email(kind, task_state.pk, acting.pk)
    assert mail.outbox, f"nobody was emailed about {kind}"
    return mail.outbox[0]


EXPECTED = {
    # kind: (what happened and who, the reason if any, the one link's path)
    REVIEW_REQUESTED: (
        "Ada Listed submitted “Letters that do no harm” for mentor review.",
        None,
        "review",
    ),
    CHANGES_REQUESTED: (
        "Dev Assigned asked for changes to “Letters that do no harm” at mentor review.",
        REASON,
        "edit",
    ),
    SIGN_OFF_REQUESTED: (
        "Dev Assigned approved “Letters that do no harm”, which now waits for programme sign-off.",
        "Clear and careful.",
        "review",
    ),
    APPROVED: ("signed off “Letters that do no harm” and it is published.", None, "live"),
}


def expected_link(kind, project):
    where = EXPECTED[kind][2]
    if where == "review":
        return "http://testserver" + reverse("review", args=[project.pk])
    if where == "edit":
        return "http://testserver" + reverse("wagtailadmin_pages:edit", args=[project.pk])
    return "http://testserver" + project.url


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_email_names_the_project_what_happened_who_the_reason_and_one_link(journey, kind):
    message = send(kind, journey)
    summary, reason, _ = EXPECTED[kind]
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    for text in (message.body, html):
        assert summary in text
        if reason:
            assert reason in text
    assert links_in(message.body) == {expected_link(kind, journey[0])}
    assert links_in(html) == {expected_link(kind, journey[0])}


def test_the_html_part_escapes_what_people_wrote(journey):
    project, emails = journey
    task_state, mentor = emails[CHANGES_REQUESTED]
    task_state.comment = "<script>alert(1)</script> Say more."
    task_state.save()
    message = send(CHANGES_REQUESTED, journey)
    html = message.alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.fixture
def digest_mentor(people):
    ReviewEmailSettings.objects.create(user=people.users["assigned_mentor"], daily_digest=True)
    return people.users["assigned_mentor"]


def test_a_mentor_who_chose_the_digest_gets_nothing_at_once_and_one_digest_later(
    people, workflow, digest_mentor
):
    first = people.project()
    second = people.project(title="Warm first contact", slug="warm-first-contact")
    for project in (first, second):
        state = workflow.start(project, people.users["listed_fellow"])
        mail.outbox.clear()
        assert send_review_email(REVIEW_REQUESTED, state.current_task_state.pk) == []
        assert mail.outbox == []
    assert HeldReviewEmail.objects.filter(user=digest_mentor, sent_at__isnull=True).count() == 2

    call_command("send_review_digest", stdout=open("/dev/null", "w"))
    [digest] = mail.outbox
    assert digest.to == [digest_mentor.email]
    assert digest.subject == "Fellowship Hub: 2 review updates today"
    for project in (first, second):
        link = "http://testserver" + reverse("review", args=[project.pk])
        assert link in digest.body and link in digest.alternatives[0][0]
        assert project.title in digest.body


def test_the_digest_sends_nothing_twice(people, workflow, digest_mentor):
    state = workflow.start(people.project(), people.users["listed_fellow"])
    send_review_email(REVIEW_REQUESTED, state.current_task_state.pk)
    call_command("send_review_digest", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    mail.outbox.clear()
    call_command("send_review_digest", stdout=open("/dev/null", "w"))
    assert mail.outbox == []


def test_a_failed_digest_keeps_its_items_for_the_next_run(
    people, workflow, digest_mentor, monkeypatch
):
    state = workflow.start(people.project(), people.users["listed_fellow"])
    send_review_email(REVIEW_REQUESTED, state.current_task_state.pk)

    def refuse(*args, **kwargs):
        raise OSError("mail server away")

    monkeypatch.setattr("reviews.digest.send_mail", refuse)
    call_command("send_review_digest", stdout=open("/dev/null", "w"))
    assert HeldReviewEmail.objects.filter(sent_at__isnull=True).count() == 1
    monkeypatch.undo()
    call_command("send_review_digest", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1


def test_the_digest_leaves_out_reviews_already_decided(people, workflow, digest_mentor):
    state = workflow.start(people.project(), people.users["listed_fellow"])
    send_review_email(REVIEW_REQUESTED, state.current_task_state.pk)
    state.cancel(user=people.users["listed_fellow"])
    call_command("send_review_digest", stdout=open("/dev/null", "w"))
    assert mail.outbox == []
    assert not HeldReviewEmail.objects.filter(sent_at__isnull=True).exists()


def test_a_mentor_chooses_the_digest_in_her_account_settings(client, people, rf):
    mentor = people.users["assigned_mentor"]
    client.force_login(mentor)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "Send my review emails as one daily digest" in page
    assert 'name="review_emails-daily_digest"' in page

    request = rf.post(reverse("wagtailadmin_account"), {"review_emails-daily_digest": "on"})
    request.user = mentor
    form = ReviewEmailSettingsPanel(request, mentor, None).get_form()
    assert form.is_valid()
    form.save()
    assert ReviewEmailSettings.objects.get(user=mentor).daily_digest
