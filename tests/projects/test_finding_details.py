"""Who, where and when behind a finding, and the mentor's check of its rating."""

import datetime

from django.utils import timezone

from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from core.vocabularies import Confidence, Setting
from projects.models import Finding, ProjectPage
from tests.factories import FindingFactory, MentorFactory
from tests.reviews.helpers import edit_url, finding_form_data, project_form_data

pytestmark = pytest.mark.django_db


def fieldwork(start, end):
    return Finding(fieldwork_start=start, fieldwork_end=end).fieldwork_period


def test_fieldwork_period_is_shown_by_month():
    march, june = datetime.date(2023, 3, 1), datetime.date(2023, 6, 30)
    assert fieldwork(march, june) == "March 2023 to June 2023"
    assert fieldwork(march, datetime.date(2023, 3, 31)) == "March 2023"
    assert fieldwork(march, None) == "From March 2023"
    assert fieldwork(None, june) == "Until June 2023"
    assert fieldwork(None, None) == ""


def test_project_and_finding_pages_show_participants_setting_and_fieldwork(client, home):
    finding = FindingFactory(
        participants=46,
        setting=Setting.POLICE_CUSTODY,
        fieldwork_start=datetime.date(2023, 3, 1),
        fieldwork_end=datetime.date(2023, 6, 30),
    )
    for address in (finding.page.url, finding.get_permalink()):
        html = client.get(address).content.decode()
        assert "<dt>Participants or records</dt><dd>46</dd>" in html
        assert "<dt>Setting</dt><dd>Police custody</dd>" in html
        assert "<dt>Fieldwork</dt><dd>March 2023 to June 2023</dd>" in html
        assert "<dt>Rated by</dt><dd>The project's fellows" in html


def test_a_large_number_of_participants_or_records_is_grouped_by_thousands(client, home):
    finding = FindingFactory(participants=2140)
    html = client.get(finding.get_permalink()).content.decode()
    assert "<dt>Participants or records</dt><dd>2,140</dd>" in html


def test_details_not_given_are_left_out_rather_than_shown_empty(client, home):
    finding = FindingFactory()
    html = client.get(finding.get_permalink()).content.decode()
    assert "Participants or records" not in html
    assert "<dt>Setting</dt>" not in html
    assert "<dt>Fieldwork</dt>" not in html


def test_api_gives_the_details_and_the_mentor_by_name_only(client, home):
    finding = FindingFactory(participants=12, setting=Setting.SCHOOL)
    # A mentor of her own, not People(): its two cohorts could take the slug of the finding's.
    mentor = MentorFactory(name="Dev Assigned")
    Finding.objects.filter(pk=finding.pk).update(
        checked_by=mentor, checked_at=datetime.date(2024, 5, 2)
    )
    body = client.get(f"/api/v2/pages/{finding.page.pk}/").json()
    [shown] = body["findings"]
    assert shown["participants"] == 12
    assert shown["setting"] == "school"
    assert (shown["fieldwork_start"], shown["fieldwork_end"]) == (None, None)
    assert (shown["checked_by_name"], shown["checked_at"]) == ("Dev Assigned", "2024-05-02")
    assert mentor.email not in str(body)


# The editor -------------------------------------------------------------------------------------


def finding_form(**values):
    return finding_form_data(**{"headline": "Custody staff greeted people by name.", **values})


def post_findings(client, user, project, findings, initial=0):
    client.force_login(user)
    data = project_form_data(project)
    data.update(
        nested_form_data({"findings": inline_formset(findings, initial=initial)}),
    )
    return client.post(edit_url(project), data)


def test_editor_saves_the_new_details_of_a_finding(client, people):
    project = people.project()
    response = post_findings(
        client,
        people.users["listed_fellow"],
        project,
        [
            finding_form(
                participants="23",
                setting="police_custody",
                fieldwork_start="2023-03-01",
                fieldwork_end="2023-06-30",
            )
        ],
    )
    assert response.status_code == 302
    project.refresh_from_db()
    [finding] = project.get_latest_revision_as_object().findings.all()
    assert (finding.participants, finding.setting) == (23, "police_custody")
    assert finding.fieldwork_period == "March 2023 to June 2023"


def test_fieldwork_ending_before_it_began_is_refused_beside_the_field(client, people):
    project = people.project()
    response = post_findings(
        client,
        people.users["listed_fellow"],
        project,
        [finding_form(fieldwork_start="2023-06-01", fieldwork_end="2023-03-01")],
    )
    assert response.status_code == 200
    [form] = response.context["form"].formsets["findings"].forms
    assert form.errors["fieldwork_end"] == ["The fieldwork must end on or after the day it began."]


# The mentor's check -----------------------------------------------------------------------------


def submitted(people, mentors=None, findings=2):
    """A project with ``findings`` findings, submitted to the "Project review" workflow."""
    project = people.project(mentors=[people.mentor] if mentors is None else mentors)
    for n in range(findings):
        FindingFactory(page=project, headline=f"Finding {n}.", confidence=Confidence.MODERATE)
    project = ProjectPage.objects.get(pk=project.pk)
    project.save_revision(user=people.users["listed_fellow"])
    state = Workflow.objects.get(name="Project review").start(
        project, people.users["listed_fellow"]
    )
    return project, state


def approve(state, user):
    state.refresh_from_db()
    task_state = state.current_task_state
    task_state.specific.task.specific.on_action(task_state, user, "approve")


def finding_html(client, finding):
    client.logout()
    return client.get(finding.get_permalink()).content.decode()


def test_publishing_after_mentor_review_records_the_mentor_as_checking_each_rating(client, people):
    project, state = submitted(people)
    approve(state, people.users["assigned_mentor"])
    approve(state, people.users["programme_team"])

    project.refresh_from_db()
    assert project.live
    today = timezone.now().date()
    findings = list(Finding.objects.filter(page=project))
    assert len(findings) == 2
    assert {(f.checked_by, f.checked_at) for f in findings} == {(people.mentor, today)}
    # The live revision says so too, so that a later publish keeps the check.
    [in_revision] = {
        (f["checked_by"], f["checked_at"]) for f in project.live_revision.content["findings"]
    }
    assert in_revision == (people.mentor.pk, today.isoformat())
    html = finding_html(client, findings[0])
    assert f"The project's fellows, checked by Dev Assigned (mentor) on {today:%-d %B %Y}" in html


def test_a_rating_changed_after_the_mentor_approved_is_not_shown_as_checked(client, people):
    project, state = submitted(people)
    approve(state, people.users["assigned_mentor"])
    # The programme team, still able to edit, changes one rating before signing off.
    changed = ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object()
    first, second = changed.findings.all()
    second.confidence = Confidence.STRONG
    changed.save_revision(user=people.users["programme_team"])
    approve(state, people.users["programme_team"])

    checked = dict(Finding.objects.filter(page=project).values_list("key", "checked_by"))
    assert checked == {first.key: people.mentor.pk, second.key: None}
    assert "checked by" not in finding_html(client, Finding.objects.get(key=second.key))


def test_no_check_is_recorded_when_no_mentor_reviewed_the_project(client, people):
    project, state = submitted(people, mentors=[])
    approve(state, people.users["programme_team"])  # reviews in the mentor's place
    approve(state, people.users["programme_team"])

    assert ProjectPage.objects.get(pk=project.pk).live
    assert not Finding.objects.filter(page=project, checked_by__isnull=False).exists()


def test_changing_a_checked_rating_in_the_editor_withdraws_the_check(client, people):
    project, state = submitted(people, findings=1)
    approve(state, people.users["assigned_mentor"])
    approve(state, people.users["programme_team"])
    project = ProjectPage.objects.get(pk=project.pk)
    [finding] = project.findings.all()
    assert finding.checked_by == people.mentor

    def publish(**values):
        form = finding_form(
            **{
                "id": str(finding.pk),
                "headline": finding.headline,
                "evidence_type": finding.evidence_type,
                "confidence": finding.confidence,
                **values,
            }
        )
        data = project_form_data(project, **{"action-publish": "publish"})
        data.update(nested_form_data({"findings": inline_formset([form], initial=1)}))
        client.force_login(people.users["superuser"])
        assert client.post(edit_url(project), data).status_code == 302
        return Finding.objects.get(key=finding.key)

    assert publish(headline="A clearer headline.").checked_by == people.mentor
    assert publish(confidence=Confidence.STRONG).checked_by is None
