"""The review workflow end to end, and the rules around who may act on it, through the admin."""

from django.core import mail
from django.urls import reverse

from wagtail.models import Comment, TaskState, WorkflowState

import pytest

from projects.models import ProjectPage
from reviews.models import MentorReviewTask
from tests.reviews.helpers import (
    action_url,
    add_url,
    assign_mentors,
    edit_url,
    project_form_data,
)

TITLE = "Letters that do no harm"
DRAFT_SENTENCE = "Warm letters reduced missed appointments in the draft."


def sent_to(messages):
    """Each email as (recipient, subject, body), sorted by recipient."""
    return sorted((m.to[0], m.subject, m.body) for m in messages)


def recipients(messages):
    return sorted(m.to[0] for m in messages)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the emails queued for after the commit, as a real request would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def test_project_goes_live_only_after_mentor_review_and_programme_sign_off(
    client, people, on_commit
):
    fellow, co_fellow = people.users["listed_fellow"], people.users["same_cohort_fellow"]
    mentor, team = people.users["assigned_mentor"], people.users["programme_team"]

    # A fellow writes the project; the programme team assigns its mentor (fellows cannot).
    client.force_login(fellow)
    data = project_form_data(
        title=TITLE,
        slug="letters-that-do-no-harm",
        summary=DRAFT_SENTENCE,
        fellows=[people.listed, people.same_cohort],
    )
    assert client.post(add_url(people.cohort), data).status_code == 302
    project = ProjectPage.objects.get(slug="letters-that-do-no-harm")
    project = assign_mentors(client, people, project, [people.mentor])

    # The fellow submits it for review.
    client.force_login(fellow)
    mail.outbox.clear()
    with on_commit():
        response = client.post(
            edit_url(project), project_form_data(project, **{"action-submit": "submit"})
        )
    assert response.status_code == 302
    project = ProjectPage.objects.get(slug="letters-that-do-no-harm")
    assert project.current_workflow_task.name == "Mentor review"
    edit_link = f"http://testserver{edit_url(project)}"
    review_link = f"http://testserver{reverse('review', args=[project.pk])}"
    [to_mentor] = mail.outbox
    assert to_mentor.to == [mentor.email]
    assert to_mentor.subject == f'Please review "{TITLE}"'
    assert review_link in to_mentor.body
    assert "Ada Listed" in to_mentor.body

    # Drafts are never public.
    client.logout()
    assert client.get(project.url).status_code == 404
    assert DRAFT_SENTENCE not in client.get(people.cohort.url).content.decode()
    assert TITLE not in client.get(people.cohort.url).content.decode()

    # The assigned mentor finds it on the dashboard and asks for changes, with a reason.
    client.force_login(mentor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in dashboard and TITLE in dashboard
    assert client.get(edit_url(project)).status_code == 200
    mail.outbox.clear()
    task_state = project.current_workflow_task_state
    with on_commit():
        client.post(
            action_url(project, "reject", task_state),
            {"comment": "Please add a content note: the write-up discusses neglect."},
        )
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert project.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert recipients(mail.outbox) == sorted([fellow.email, co_fellow.email])
    for message in mail.outbox:
        assert message.subject == f'Changes requested on "{TITLE}"'
        assert "Please add a content note: the write-up discusses neglect." in message.body
        assert "Dev Assigned" in message.body
        assert edit_link in message.body

    # The fellow edits and resubmits; the same workflow resumes at mentor review.
    client.force_login(fellow)
    mail.outbox.clear()
    project = ProjectPage.objects.get(pk=project.pk)
    data = project_form_data(
        project, content_note="Discusses childhood neglect", **{"action-submit": "submit"}
    )
    with on_commit():
        response = client.post(edit_url(project), data)
    assert response.status_code == 302
    assert project.current_workflow_task.name == "Mentor review"
    assert WorkflowState.objects.for_instance(project).count() == 1
    assert [m.to for m in mail.outbox] == [[mentor.email]]

    # The mentor approves with a comment; the programme team is asked to sign off.
    client.force_login(mentor)
    mail.outbox.clear()
    with on_commit():
        client.post(
            action_url(project, "approve", project.current_workflow_task_state),
            {"comment": "Clear and careful. Ready to publish."},
        )
    assert project.current_workflow_task.name == "Programme sign-off"
    [to_team] = mail.outbox
    assert to_team.to == [team.email]
    assert to_team.subject == f'"{TITLE}" is ready for programme sign-off'
    assert "Dev Assigned approved" in to_team.body
    assert "Clear and careful. Ready to publish." in to_team.body
    assert review_link in to_team.body
    client.logout()
    assert client.get(project.url).status_code == 404

    # The programme team signs off, which publishes it.
    client.force_login(team)
    mail.outbox.clear()
    with on_commit():
        client.post(action_url(project, "approve", project.current_workflow_task_state), {})
    project.refresh_from_db()
    assert project.live
    assert recipients(mail.outbox) == sorted([fellow.email, co_fellow.email])
    for message in mail.outbox:
        assert message.subject == f'"{TITLE}" has been approved and published'
        assert f"http://testserver{project.url}" in message.body

    client.logout()
    assert DRAFT_SENTENCE in client.get(project.url).content.decode()
    assert TITLE in client.get(people.cohort.url).content.decode()


def test_workflow_history_shows_each_review_step_and_reason(client, people, workflow):
    project = people.project()
    state = workflow.start(project, people.users["listed_fellow"])
    state.current_task_state.specific.task.specific.on_action(
        state.current_task_state,
        people.users["assigned_mentor"],
        "reject",
        comment="Say who the letters went to.",
    )
    client.force_login(people.users["listed_fellow"])
    history = client.get(reverse("wagtailadmin_pages:workflow_history", args=[project.pk]))
    assert history.status_code == 200
    detail = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[project.pk, state.pk])
    ).content.decode()
    assert "Mentor review" in detail
    assert "Programme sign-off" in detail
    assert "Say who the letters went to." in detail


def test_editor_shows_the_workflow_state_to_the_fellow(client, people, workflow):
    project = people.project()
    workflow.start(project, people.users["listed_fellow"])
    client.force_login(people.users["listed_fellow"])
    page = client.get(edit_url(project)).content.decode()
    assert "Mentor review" in page
    assert "Project review" in page


def test_unassigned_mentor_cannot_approve(client, people, workflow, on_commit):
    project = people.project()
    state = workflow.start(project, people.users["listed_fellow"])
    task_state = state.current_task_state
    client.force_login(people.users["unassigned_mentor"])
    with on_commit():
        response = client.post(action_url(project, "approve", task_state), {"comment": "Fine."})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.finished_by is None
    assert mail.outbox == []


def test_unassigned_mentor_cannot_open_the_editor_or_act_from_it(client, people, workflow):
    project = people.project()
    state = workflow.start(project, people.users["listed_fellow"])
    client.force_login(people.users["unassigned_mentor"])
    assert client.get(edit_url(project))["Location"] == reverse("wagtailadmin_home")
    data = project_form_data(
        project,
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    client.post(edit_url(project), data)
    state.current_task_state.refresh_from_db()
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_unassigned_mentor_does_not_see_the_project_awaiting_review(client, people, workflow):
    project = people.project()
    workflow.start(project, people.users["listed_fellow"])
    client.force_login(people.users["unassigned_mentor"])
    assert project.title not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_mentor_cannot_act_on_another_project_through_a_mismatched_address(
    client, people, workflow
):
    mine = people.project()
    theirs = people.project(
        title="Zero tolerance, trauma aware?",
        slug="zero-tolerance",
        mentors=[people.other_mentor],
    )
    workflow.start(mine, people.users["listed_fellow"])
    their_state = workflow.start(theirs, people.users["listed_fellow"]).current_task_state
    client.force_login(people.users["assigned_mentor"])
    # The page in the address is one this mentor reviews; the task state is someone else's.
    client.post(action_url(mine, "approve", their_state), {"comment": ""})
    their_state.refresh_from_db()
    assert their_state.status == TaskState.STATUS_IN_PROGRESS


def test_request_changes_needs_a_reason(client, people, workflow, on_commit):
    project = people.project()
    task_state = workflow.start(project, people.users["listed_fellow"]).current_task_state
    client.force_login(people.users["assigned_mentor"])
    with on_commit():
        client.post(action_url(project, "reject", task_state), {"comment": "   "})
        # The editor's own route, with the reason missing from the collected data.
        response = client.post(
            edit_url(project),
            project_form_data(
                project,
                **{
                    "action-workflow-action": "true",
                    "workflow-action-name": "reject",
                    "workflow-action-extra-data": "{}",
                },
            ),
        )
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert mail.outbox == []
    follow = client.get(response["Location"])
    assert "Give a reason when you request changes" in follow.content.decode()


def test_malformed_review_data_is_refused_with_a_message(client, people, workflow):
    project = people.project()
    task_state = workflow.start(project, people.users["listed_fellow"]).current_task_state
    client.force_login(people.users["assigned_mentor"])
    for extra in ["not json", '{"comment": "ok", "update": false}', "[]", '{"comment": 5}']:
        response = client.post(
            edit_url(project),
            project_form_data(
                project,
                **{
                    "action-workflow-action": "true",
                    "workflow-action-name": "approve",
                    "workflow-action-extra-data": extra,
                },
            ),
        )
        assert response.status_code == 302, extra
        task_state.refresh_from_db()
        assert task_state.status == TaskState.STATUS_IN_PROGRESS, extra
    assert "could not be read" in client.get(edit_url(project)).content.decode()


def test_assigned_mentor_can_request_changes_from_the_editor(client, people, workflow):
    project = people.project()
    task_state = workflow.start(project, people.users["listed_fellow"]).current_task_state
    client.force_login(people.users["assigned_mentor"])
    client.post(
        edit_url(project),
        project_form_data(
            project,
            **{
                "action-workflow-action": "true",
                "workflow-action-name": "reject",
                "workflow-action-extra-data": '{"comment": "Shorten the summary."}',
            },
        ),
    )
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Shorten the summary."


def comment_data(text):
    return {
        "comments-TOTAL_FORMS": "1",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "comments-0-DELETE": "",
        "comments-0-resolved": "",
        "comments-0-id": "",
        "comments-0-contentpath": "summary",
        "comments-0-text": text,
        "comments-0-position": "",
        "comments-0-replies-TOTAL_FORMS": "0",
        "comments-0-replies-INITIAL_FORMS": "0",
        "comments-0-replies-MIN_NUM_FORMS": "0",
        "comments-0-replies-MAX_NUM_FORMS": "1000",
    }


def test_assigned_mentor_can_comment_while_reviewing(client, people, workflow):
    # Wagtail saves comments with the page form, so a reviewer comments by not being locked out:
    # the mentor review task leaves the page unlocked for its assigned mentors only.
    project = people.project()
    workflow.start(project, people.users["listed_fellow"])
    mentor = people.users["assigned_mentor"]
    client.force_login(mentor)
    editor = client.get(edit_url(project)).content.decode()
    assert "Only reviewers for this task can edit" not in editor
    data = {**project_form_data(project), **comment_data("Who received these letters?")}
    response = client.post(edit_url(project), data)
    assert response.status_code == 302
    comment = Comment.objects.get(page=project)
    assert comment.user == mentor
    assert comment.text == "Who received these letters?"
    assert comment.contentpath == "summary"


def test_fellow_cannot_change_the_draft_while_the_mentor_reviews_it(client, people, workflow):
    project = people.project()
    workflow.start(project, people.users["listed_fellow"])
    client.force_login(people.users["listed_fellow"])
    editor = client.get(edit_url(project)).content.decode()
    assert "Only reviewers for this task can edit" in editor
    response = client.post(edit_url(project), project_form_data(project, summary="Sneaky edit."))
    assert response.status_code == 200
    assert "could not be saved as it is locked" in response.content.decode()
    latest = ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object()
    assert latest.summary != "Sneaky edit."


def test_assigned_mentor_cannot_open_the_editor_outside_their_review(client, people, workflow):
    project = people.project()
    client.force_login(people.users["assigned_mentor"])
    assert client.get(edit_url(project))["Location"] == reverse("wagtailadmin_home")
    state = workflow.start(project, people.users["listed_fellow"])
    assert client.get(edit_url(project)).status_code == 200
    state.current_task_state.specific.approve(user=people.users["assigned_mentor"])
    # Now at programme sign-off: the mentor's part is done.
    assert client.get(edit_url(project))["Location"] == reverse("wagtailadmin_home")


def test_project_without_a_mentor_is_reviewed_by_the_programme_team(
    client, people, workflow, on_commit
):
    project = people.project(mentors=[])
    with on_commit():
        state = workflow.start(project, people.users["listed_fellow"])
    assert recipients(mail.outbox) == [people.users["programme_team"].email]
    task = state.current_task_state.task.specific
    assert isinstance(task, MentorReviewTask)
    assert task.get_actions(project, people.users["assigned_mentor"]) == []
    client.force_login(people.users["programme_team"])
    client.post(action_url(project, "approve", state.current_task_state), {})
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Programme sign-off"


def test_mentor_who_switched_off_submission_emails_gets_none(people, workflow, on_commit):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(people.users["assigned_mentor"])
    profile.submitted_notifications = False
    profile.save()
    with on_commit():
        workflow.start(people.project(), people.users["listed_fellow"])
    assert mail.outbox == []


def test_each_person_gets_one_email_per_step(people, workflow, on_commit):
    # Wagtail's own workflow emails (to every superuser, to the submitter) are replaced, not added.
    project = people.project(fellows=[people.listed, people.same_cohort])
    with on_commit():
        state = workflow.start(project, people.users["listed_fellow"])
        state.current_task_state.specific.task.specific.on_action(
            state.current_task_state, people.users["assigned_mentor"], "reject", comment="Why?"
        )
    assert recipients(mail.outbox) == sorted(
        [
            people.users["assigned_mentor"].email,
            people.users["listed_fellow"].email,
            people.users["same_cohort_fellow"].email,
        ]
    )


def test_programme_team_asking_for_changes_at_sign_off_tells_the_fellows_why(
    client, people, workflow, on_commit
):
    project = people.project()
    state = workflow.start(project, people.users["listed_fellow"])
    state.current_task_state.specific.approve(user=people.users["assigned_mentor"])
    state.refresh_from_db()
    client.force_login(people.users["programme_team"])
    with on_commit():
        client.post(
            action_url(project, "reject", state.current_task_state),
            {"comment": "Please remove the service user's first name."},
        )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    [message] = mail.outbox
    assert message.to == [people.users["listed_fellow"].email]
    assert message.subject == f'Changes requested on "{TITLE}"'
    assert "at programme sign-off" in message.body
    assert "Please remove the service user's first name." in message.body
    assert ProjectPage.objects.get(pk=project.pk).live is False


def test_project_and_cohort_pages_use_the_fellowship_permission_rules(people):
    from wagtail.models import PagePermissionTester

    from reviews.permissions import CohortPagePermissionTester, ProjectPagePermissionTester

    user = people.users["listed_fellow"]
    project = people.project()
    for page, tester in [
        (project, ProjectPagePermissionTester),
        (people.cohort, CohortPagePermissionTester),
    ]:
        perms = page.permissions_for_user(user)
        assert isinstance(perms, tester) and isinstance(perms, PagePermissionTester)
        # A plain Page from a listing is cast to its own type first.
        assert isinstance(page.page_ptr.permissions_for_user(user), tester)


def test_request_changes_dialogue_asks_the_mentor_for_a_reason(client, people, workflow):
    project = people.project()
    task_state = workflow.start(project, people.users["listed_fellow"]).current_task_state
    client.force_login(people.users["assigned_mentor"])
    for url_name in ("workflow_action", "collect_workflow_action_data"):
        url = reverse(f"wagtailadmin_pages:{url_name}", args=[project.pk, "reject", task_state.pk])
        response = client.get(url)
        assert response.status_code == 200
        html = response.json()["html"]
        assert "Reason" in html
        assert "Tell the fellows what to change and why." in html
    # The dashboard opens the draft rather than deciding from a menu (tests/reviews/test_review_mode.py).
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert action_url(project, "reject", task_state) not in dashboard
    assert reverse("review", args=[project.pk]) in dashboard


def test_programme_team_can_reassign_a_mentor_during_review_but_not_act_for_them(
    client, people, workflow
):
    project = people.project()
    state = workflow.start(project, people.users["listed_fellow"])
    client.force_login(people.users["programme_team"])
    response = client.post(
        edit_url(project), project_form_data(project, mentors=[people.other_mentor])
    )
    assert response.status_code == 302
    assert list(ProjectPage.objects.get(pk=project.pk).mentors.all()) == [people.other_mentor]
    task = state.current_task_state.task.specific
    assert task.get_actions(project, people.users["programme_team"]) == []
    # The newly assigned mentor can now act; the one replaced cannot.
    assert task.get_actions(project, people.users["unassigned_mentor"])
    assert task.get_actions(project, people.users["assigned_mentor"]) == []


@pytest.mark.parametrize("action, data", [("approve", {}), ("reject", {"comment": "Say more."})])
def test_assigned_mentor_returns_to_the_dashboard_after_acting(
    client, people, workflow, on_commit, action, data
):
    project = people.project()
    state = workflow.start(project, people.users["listed_fellow"])
    client.force_login(people.users["assigned_mentor"])
    explorer = reverse("wagtailadmin_explore", args=[project.get_parent().pk])
    with on_commit():
        response = client.post(
            f"{action_url(project, action, state.current_task_state)}?next={explorer}", data
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert client.get(response["Location"]).status_code == 200
    state.current_task_state.refresh_from_db()
    assert state.current_task_state.status != TaskState.STATUS_IN_PROGRESS
