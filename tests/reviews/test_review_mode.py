"""A reviewer's review mode: the review page, her editor menu, and what she is told after acting."""

from django.test import RequestFactory
from django.urls import reverse

from wagtail.admin.action_menu import CancelWorkflowMenuItem, PageActionMenu, SaveDraftMenuItem
from wagtail.models import Comment, TaskState

import pytest

from reviews.mentor_actions import put_the_reviewers_decision_first
from reviews.review_views import last_reviewed_revision
from tests.reviews.helpers import edit_url, project_form_data

DENIED = "Sorry, you do not have permission to access this area."
REASON = "Say which schools took part."


def review_url(page):
    return reverse("review", args=[page.pk])


def messages_on(client, response):
    """The text of the page a redirect lands on."""
    assert response.status_code == 302, response.content[:500]
    return client.get(response["Location"]).content.decode()


@pytest.fixture
def in_review(people, workflow):
    project = people.project(content_note="Mentions exclusion from school.")
    workflow.start(project, people.users["listed_fellow"])
    project.refresh_from_db()
    return project


def test_mentor_review_page_shows_the_draft_its_content_note_and_both_decisions(
    client, people, in_review
):
    client.force_login(people.users["assigned_mentor"])
    html = client.get(review_url(in_review)).content.decode()
    assert "Mentions exclusion from school." in html
    assert reverse("review_preview", args=[in_review.pk]) in html
    assert '<button type="submit" class="button">Approve</button>' in html
    assert "Request changes" in html
    assert "Save draft" not in html and "Cancel workflow" not in html
    assert "This is the first review of this project." in html


def test_review_preview_shows_the_draft_as_the_public_page_with_its_content_note_first(
    client, people, in_review
):
    client.force_login(people.users["assigned_mentor"])
    url = reverse("review_preview", args=[in_review.pk])
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Frame-Options"] == "SAMEORIGIN"
    assert "Continue to the project" in first.content.decode()
    following = client.get(url + "?continue=1").content.decode()
    assert "Continue to the project" not in following
    assert in_review.title in following


@pytest.mark.parametrize("role", ["unassigned_mentor", "same_cohort_fellow", "listed_fellow"])
def test_people_who_cannot_decide_are_refused_the_review_page(client, people, in_review, role):
    client.force_login(people.users[role])
    for url in (review_url(in_review), reverse("review_preview", args=[in_review.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Mentions exclusion" not in response.content.decode()
    response = client.post(review_url(in_review), {"decision": "approve"})
    assert in_review.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_mentor_approves_on_the_review_page_and_lands_on_her_list_with_a_plain_confirmation(
    client, people, in_review
):
    client.force_login(people.users["assigned_mentor"])
    response = client.post(review_url(in_review), {"decision": "approve", "approve-comment": ""})
    assert response["Location"] == reverse("wagtailadmin_home")
    landing = messages_on(client, response)
    assert "You approved “Letters that do no harm”. It now waits for programme sign-off." in landing
    assert DENIED not in landing and "error" not in landing.split("messages")[1][:400]
    assert in_review.current_workflow_task.name == "Programme sign-off"


def test_request_changes_needs_a_reason_said_plainly_and_changes_nothing_without_one(
    client, people, in_review
):
    client.force_login(people.users["assigned_mentor"])
    response = client.post(review_url(in_review), {"decision": "reject", "reject-comment": "  "})
    assert response.status_code == 200
    assert "Give a reason so that the fellows know what to change." in response.content.decode()
    assert in_review.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_mentor_requests_changes_with_a_reason_and_is_told_so(client, people, in_review):
    task_state = in_review.current_workflow_task_state
    client.force_login(people.users["assigned_mentor"])
    response = client.post(review_url(in_review), {"decision": "reject", "reject-comment": REASON})
    landing = messages_on(client, response)
    assert "You asked for changes to “Letters that do no harm”." in landing
    assert DENIED not in landing
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED and task_state.comment == REASON


def test_an_unknown_decision_is_refused_with_a_message(client, people, in_review):
    client.force_login(people.users["assigned_mentor"])
    response = client.post(review_url(in_review), {"decision": "cancel"})
    assert "Choose “Approve” or “Request changes”." in messages_on(client, response)
    assert in_review.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_review_page_links_the_changes_since_the_last_review(client, people, workflow, in_review):
    mentor = people.users["assigned_mentor"]
    first = in_review.current_workflow_task_state
    first.specific.reject(user=mentor, comment=REASON)
    in_review.summary = "Six schools in Leeds took part."
    revision = in_review.save_revision(user=people.users["listed_fellow"])
    in_review.current_workflow_state.resume(user=people.users["listed_fellow"])
    in_review.refresh_from_db()
    current = in_review.current_workflow_task_state
    assert last_reviewed_revision(in_review, current) == first.revision

    client.force_login(mentor)
    html = client.get(review_url(in_review)).content.decode()
    compare = reverse("review_changes", args=[in_review.pk, first.revision.pk, revision.pk])
    assert compare in html
    diff = client.get(compare)
    assert diff.status_code == 200
    assert "Six schools in Leeds took part." in diff.content.decode()
    # Only whoever decides on the current step may read it.
    client.force_login(people.users["unassigned_mentor"])
    refused = client.get(compare)
    assert refused.status_code in (302, 403)
    assert "Six schools" not in refused.content.decode()


def test_review_page_lists_open_comments_beside_their_field(client, people, in_review):
    Comment.objects.create(
        page=in_review,
        user=people.users["assigned_mentor"],
        text="Which schools?",
        contentpath="summary",
        revision_created=in_review.latest_revision,
    )
    client.force_login(people.users["assigned_mentor"])
    html = client.get(review_url(in_review)).content.decode()
    assert "Dev Assigned</strong> on Summary: Which schools?" in html
    assert edit_url(in_review) in html


def test_dashboard_review_list_opens_the_review_page_and_offers_no_decision(
    client, people, in_review
):
    task_state = in_review.current_workflow_task_state
    client.force_login(people.users["assigned_mentor"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in dashboard
    assert review_url(in_review) in dashboard
    for action in ("approve", "reject"):
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[in_review.pk, action, task_state.pk]
        )
        assert url not in dashboard
    assert "data-workflow-action-url" not in dashboard


def menu_for(user, page):
    request = RequestFactory().get(edit_url(page))
    request.user = user
    menu = PageActionMenu(request, view="edit", page=page, locked_for_user=False)
    return [menu.default_item, *menu.menu_items]


def labels(items):
    return [str(item.label).strip() for item in items]


def test_mentor_editor_offers_approve_first_then_request_changes_and_never_cancel(
    people, in_review
):
    items = menu_for(people.users["assigned_mentor"], in_review)
    names = labels(items)
    assert names[:2] == ["Approve", "Request changes"]
    assert not any("Cancel workflow" in name or "Publish" in name for name in names)
    assert "Save Draft" in names


def test_programme_team_sign_off_offers_one_publish(people, in_review):
    in_review.current_workflow_task_state.specific.approve(user=people.users["assigned_mentor"])
    in_review.refresh_from_db()
    names = labels(menu_for(people.users["programme_team"], in_review))
    assert names[0] == "Publish"
    assert names.count("Publish") == 1
    assert not any("Approve" in name for name in names)


@pytest.mark.parametrize("role", ["listed_fellow", "same_cohort_fellow", "unassigned_mentor"])
def test_menus_of_people_who_cannot_decide_are_left_alone(people, in_review, role):
    user = people.users[role]
    request = RequestFactory().get(edit_url(in_review))
    request.user = user
    context = {"view": "edit", "page": in_review, "locked_for_user": True, "request": request}
    items = [SaveDraftMenuItem(order=0), CancelWorkflowMenuItem(order=40)]
    before = list(items)
    put_the_reviewers_decision_first(items, request, context)
    assert items == before


def test_mentor_cannot_cancel_the_workflow_from_the_editor(client, people, in_review):
    client.force_login(people.users["assigned_mentor"])
    response = client.post(
        edit_url(in_review), project_form_data(in_review, **{"action-cancel-workflow": "true"})
    )
    assert response["Location"] == edit_url(in_review)
    assert "can withdraw it from review" in messages_on(client, response)
    in_review.refresh_from_db()
    assert in_review.workflow_in_progress


@pytest.mark.parametrize(
    "action, expected",
    [
        ("approve", "You approved “Letters that do no harm”. It now waits for programme sign-off."),
        ("reject", "You asked for changes to “Letters that do no harm”."),
    ],
)
def test_deciding_in_the_editor_says_what_happened_not_updated(
    client, people, in_review, action, expected
):
    client.force_login(people.users["assigned_mentor"])
    data = project_form_data(
        in_review,
        **{
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": f'{{"comment": "{REASON}"}}',
        },
    )
    landing = messages_on(client, client.post(edit_url(in_review), data))
    assert expected in landing
    assert "has been updated" not in landing and DENIED not in landing


def test_programme_team_publishing_is_told_published_with_the_live_link(client, people, in_review):
    in_review.current_workflow_task_state.specific.approve(user=people.users["assigned_mentor"])
    client.force_login(people.users["programme_team"])
    response = client.post(review_url(in_review), {"decision": "approve", "approve-comment": ""})
    landing = messages_on(client, response)
    in_review.refresh_from_db()
    assert in_review.live
    assert "“Letters that do no harm” is published." in landing
    assert f'href="{in_review.url}"' in landing


def test_programme_team_publishing_from_the_editor_is_told_published(client, people, in_review):
    in_review.current_workflow_task_state.specific.approve(user=people.users["assigned_mentor"])
    in_review.refresh_from_db()
    client.force_login(people.users["programme_team"])
    data = project_form_data(
        in_review,
        **{
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": "{}",
        },
    )
    landing = messages_on(client, client.post(edit_url(in_review), data))
    in_review.refresh_from_db()
    assert "“Letters that do no harm” is published." in landing
    assert "has been updated" not in landing
    assert f'href="{in_review.url}"' in landing
