"""Making a link in the admin, and where the comments appear: the editor and the review page."""

from django.urls import reverse

import pytest

from sharing.models import ShareComment, ShareLink


@pytest.fixture
def fellow_client(client, people):
    client.force_login(people.users["listed_fellow"])
    return client


def test_fellow_makes_a_link_and_is_shown_its_address_once(fellow_client, project):
    url = f"/admin/sharing/{project.pk}/"
    response = fellow_client.post(url, {"days": "14", "label": "Leeds Mind"})
    assert response.status_code == 302
    page = fellow_client.get(response["Location"]).content.decode()
    link = ShareLink.objects.get()
    assert "Your link is ready." in page
    assert "Your new link" in page and "/share/" in page
    assert (link.expires_at - link.created_at).days == 14
    assert link.revision_id == project.latest_revision_id
    # Shown once: the address is not kept, and the next visit does not show it.
    again = fellow_client.get(url).content.decode()
    assert "Your new link" not in again and "/share/" not in again


@pytest.mark.parametrize(
    "days, message",
    [
        ("0", "A link must work for at least 1 day."),
        ("61", "A link can work for 60 days at most."),
        ("two weeks", "Enter a whole number of days, from 1 to 60."),
        ("", "Say how many days the link should work, from 1 to 60."),
    ],
)
def test_expiry_is_checked_in_plain_words(fellow_client, project, days, message):
    response = fellow_client.post(f"/admin/sharing/{project.pk}/", {"days": days})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ShareLink.objects.exists()


def test_expiry_defaults_to_fourteen_days(fellow_client, project):
    html = fellow_client.get(f"/admin/sharing/{project.pk}/").content.decode()
    assert 'value="14"' in html


def test_closing_a_link_confirms_it_plainly(fellow_client, shared):
    link, url = shared
    response = fellow_client.post(f"/admin/sharing/links/{link.pk}/close/")
    page = fellow_client.get(response["Location"]).content.decode()
    assert "The link is closed." in page
    assert (
        "Leeds Mind reviewer"
        not in page.split("Comments from reviewers")[0].split("Links that work now")[1]
    )


def test_comments_appear_to_the_fellow_in_the_editor(client, fellow_client, project, shared):
    link, url = shared
    ShareComment.objects.create(link=link, name="Sam", text="The letters read kindly.")
    html = fellow_client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content
    html = html.decode()
    assert "Share for review" in html
    assert "The letters read kindly." in html
    assert "Sam" in html


def test_comments_appear_to_the_mentor_in_the_editor_and_on_her_review_page(
    client, people, workflow, project, shared
):
    link, url = shared
    ShareComment.objects.create(link=link, name="", text="Say who the families were.")
    workflow.start(project, people.users["listed_fellow"])
    client.force_login(people.users["assigned_mentor"])
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content.decode()
    assert "Say who the families were." in editor
    assert "A reviewer who gave no name" in editor
    review = client.get(reverse("review", args=[project.pk])).content.decode()
    assert "Say who the families were." in review
    assert "Close this link" not in review


def test_the_editor_offers_share_for_review_in_its_menu_to_fellows_not_mentors(
    client, people, workflow, project
):
    workflow.start(project, people.users["listed_fellow"])
    manage = f'href="/admin/sharing/{project.pk}/"'
    client.force_login(people.users["listed_fellow"])
    assert (
        manage in client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content.decode()
    )
    client.force_login(people.users["assigned_mentor"])
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content.decode()
    assert "Share for review" in editor  # the comments section
    assert manage not in editor
