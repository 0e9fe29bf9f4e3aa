"""A reviewer's new comment is stored once, however often the editor posts it.

Wagtail's editor autosaves a new comment as soon as it is added; if the reviewer decides before
the autosave's answer has given the comment its id, the editor posts the same new comment again
with her decision (a double click does the same). Both requests are replayed here.
"""

from wagtail.models import Comment, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from tests.reviews.helpers import edit_url, project_form_data

COMMENT = "Which schools? Readers will want to know where this happened."
REASON = "Say which schools took part."


@pytest.fixture
def in_review(people, workflow):
    project = people.project()
    workflow.start(project, people.users["listed_fellow"])
    project.refresh_from_db()
    return project


def with_new_comment(project, **values):
    """The editor's form as posted with one comment that has no id yet."""
    comments = nested_form_data(
        {
            "comments": inline_formset(
                [
                    {
                        "id": "",
                        "text": COMMENT,
                        "contentpath": "summary",
                        "position": "",
                        "resolved": "",
                        "replies": inline_formset([]),
                    }
                ]
            )
        }
    )
    return project_form_data(project, **comments, **values)


def autosave(client, project):
    response = client.post(
        edit_url(project), with_new_comment(project), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200, response.content[:500]
    assert response.json()["success"]


DECISION = {
    "action-workflow-action": "true",
    "workflow-action-name": "reject",
    "workflow-action-extra-data": f'{{"comment": "{REASON}"}}',
}


def test_comment_autosaved_then_posted_again_with_the_decision_is_stored_once(
    client, people, in_review
):
    client.force_login(people.users["assigned_mentor"])
    autosave(client, in_review)
    response = client.post(edit_url(in_review), with_new_comment(in_review, **DECISION))
    assert response.status_code == 302
    assert list(Comment.objects.filter(page=in_review).values_list("text", flat=True)) == [COMMENT]
    task_state = TaskState.objects.filter(workflow_state__object_id=str(in_review.pk)).first()
    assert task_state.status == TaskState.STATUS_REJECTED


def test_comment_saved_twice_by_a_double_click_is_stored_once(client, people, in_review):
    client.force_login(people.users["assigned_mentor"])
    for _ in range(2):
        response = client.post(edit_url(in_review), with_new_comment(in_review))
        assert response.status_code == 302
    assert Comment.objects.filter(page=in_review).count() == 1


def test_every_page_types_editor_stores_new_comments_once():
    from wagtail.models import get_page_models

    from reviews.comments import StoredOnceCommentFormSet

    for model in get_page_models():
        form_class = model.get_edit_handler().get_form_class()
        assert issubclass(form_class.formsets["comments"], StoredOnceCommentFormSet), model


def test_the_same_words_on_another_field_are_a_new_comment(client, people, in_review):
    client.force_login(people.users["assigned_mentor"])
    autosave(client, in_review)
    data = with_new_comment(in_review)
    data["comments-0-contentpath"] = "title"
    assert client.post(edit_url(in_review), data).status_code == 302
    paths = Comment.objects.filter(page=in_review).values_list("contentpath", flat=True)
    assert sorted(paths) == ["summary", "title"]
