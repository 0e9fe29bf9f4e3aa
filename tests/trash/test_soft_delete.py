"""Deleting a cohort moves it to Deleted items, from where the programme team restores or destroys it.

Every step goes through the Wagtail admin as a real request: the delete, the restore, the
permanent delete, and the refusals for fellows and mentors.
"""

from django.urls import reverse

from wagtail.models import Page, PageLogEntry, WorkflowState

import pytest

from cohorts.models import CohortIndexPage, CohortPage
from projects.models import Finding, ProjectPage
from tests.factories import CohortPageFactory, FindingFactory
from tests.reviews.helpers import People, action_url, login_as, submit_for_review
from tests.sitemaps import sitemap_urls
from trash.models import DeletedItemsPage, DeletedPage

pytestmark = pytest.mark.django_db

DELETED_ITEMS_URL = reverse("fellowship_deleted_items")


@pytest.fixture
def people(db):
    return People()


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def cohort(people):
    """The 2024 cohort, live, with a live project, a draft project and a finding."""
    cohort = publish(people.cohort)
    live = people.project(live=True, title="Warm letters", slug="warm-letters")
    FindingFactory(page=live, headline="Warm letters reduced missed appointments.")
    publish(live)
    draft = people.project(title="Quiet rooms", slug="quiet-rooms")
    cohort.live_project, cohort.draft_project = live, draft
    return cohort


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def sitemap(client):
    return sitemap_urls(client)


def soft_delete(client, people, cohort):
    login_as(client, people, "programme_team")
    return client.post(delete_url(cohort))


def test_deleting_a_cohort_asks_first_and_says_it_can_be_restored(client, people, cohort):
    login_as(client, people, "programme_team")

    response = client.get(delete_url(cohort))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Deleted items" in text and "restore" in text
    assert "2 projects" in text
    assert Page.objects.get(pk=cohort.pk).get_parent().specific_class is CohortIndexPage
    assert Page.objects.get(pk=cohort.pk).live


def test_deleting_a_cohort_unpublishes_it_and_moves_it_to_deleted_items(client, people, cohort):
    project_url = cohort.live_project.url
    client.get(project_url)  # served before the delete
    assert f"http://localhost{project_url}" in sitemap(client)

    response = soft_delete(client, people, cohort)

    assert response.status_code == 302
    cohort_after = CohortPage.objects.get(pk=cohort.pk)
    assert not cohort_after.live
    assert cohort_after.get_parent().specific_class is DeletedItemsPage
    assert not ProjectPage.objects.get(pk=cohort.live_project.pk).live
    # Nothing was destroyed: the projects, their findings and revisions are all still there.
    assert ProjectPage.objects.descendant_of(cohort_after).count() == 2
    assert Finding.objects.filter(page=cohort.live_project).count() == 1
    assert cohort.live_project.revisions.exists()

    client.logout()
    assert client.get(project_url).status_code == 404
    assert client.get(cohort.url).status_code == 404
    assert "Class of 2024" not in client.get("/cohorts/").content.decode()
    assert f"http://localhost{project_url}" not in sitemap(client)
    assert client.get(f"/api/v2/pages/{cohort.live_project.pk}/").status_code == 404
    assert "Warm letters" not in client.get("/feeds/findings/").content.decode()
    assert "Warm letters" not in client.get("/search/?q=warm+letters").content.decode()


def test_deleting_a_cohort_cancels_its_reviews_so_nothing_in_deleted_items_gets_published(
    client, people, cohort
):
    project = submit_for_review(client, people)
    assert WorkflowState.objects.for_instance(project).active().exists()
    task_state = project.current_workflow_task_state

    assert soft_delete(client, people, cohort).status_code == 302

    assert not WorkflowState.objects.for_instance(project).active().exists()
    entry = PageLogEntry.objects.filter(page_id=cohort.pk, action="fellowship.soft_delete").get()
    assert entry.data["cancelled_reviews"] == [project.pk]
    # The mentor no longer has it to review, and approving the old task publishes nothing.
    client.force_login(people.users["assigned_mentor"])
    client.get(reverse("wagtailadmin_home"))  # shows, and so clears, the fellow's last message
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Letters that do no harm" not in dashboard
    client.post(action_url(project, "approve", task_state), {"comment": ""})
    assert not ProjectPage.objects.get(pk=project.pk).live
    assert not ProjectPage.objects.live().filter(pk=project.pk).exists()


def test_deleted_items_page_is_never_served(client, people, cohort):
    soft_delete(client, people, cohort)
    holding = DeletedItemsPage.objects.get()

    assert not holding.live
    assert holding.get_parent().is_root()
    client.logout()
    assert client.get("/deleted-items/").status_code == 404
    assert client.get(f"/api/v2/pages/{holding.pk}/").status_code == 404


def test_soft_delete_is_in_the_audit_log_with_who_did_it(client, people, cohort):
    soft_delete(client, people, cohort)

    entry = PageLogEntry.objects.get(page_id=cohort.pk, action="fellowship.soft_delete")
    assert entry.user == people.users["programme_team"]
    assert entry.data["parent"]["title"] == "Cohorts"
    assert set(entry.data["live_pages"]) == {cohort.pk, cohort.live_project.pk}


def test_restore_asks_first_then_puts_it_back_and_republishes_what_was_live(client, people, cohort):
    later = publish(CohortPageFactory(title="Class of 2025", slug="class-of-2025", year=2025))
    index = CohortIndexPage.objects.get()
    order_before = list(index.get_children().values_list("pk", flat=True))
    soft_delete(client, people, cohort)
    deletion = DeletedPage.objects.get(page=cohort)
    restore_url = reverse("fellowship_deleted_items_restore", args=[deletion.pk])

    confirm = client.get(restore_url)
    assert confirm.status_code == 200
    assert "Yes, restore" in confirm.content.decode()
    assert not Page.objects.get(pk=cohort.pk).live

    response = client.post(restore_url)

    assert response.status_code == 302
    assert list(index.get_children().values_list("pk", flat=True)) == order_before
    assert later.pk in order_before
    restored = CohortPage.objects.get(pk=cohort.pk)
    assert restored.live
    assert ProjectPage.objects.get(pk=cohort.live_project.pk).live
    # The draft stays a draft: a restore publishes nothing that was not published before.
    assert not ProjectPage.objects.get(pk=cohort.draft_project.pk).live
    assert not DeletedPage.objects.exists()
    entry = PageLogEntry.objects.get(page_id=cohort.pk, action="fellowship.restore")
    assert entry.user == people.users["programme_team"]

    client.logout()
    response = client.get(cohort.live_project.url)
    assert response.status_code == 200
    assert "Warm letters reduced missed appointments." in response.content.decode()


def test_restore_keeps_a_newer_draft_as_a_draft(client, people, cohort):
    project = cohort.live_project.specific
    project.summary = "DRAFT-ONLY summary"
    project.save_revision()
    soft_delete(client, people, cohort)
    deletion = DeletedPage.objects.get(page=cohort)

    client.post(reverse("fellowship_deleted_items_restore", args=[deletion.pk]))

    project = ProjectPage.objects.get(pk=project.pk)
    assert project.live and project.has_unpublished_changes
    client.logout()
    assert "DRAFT-ONLY summary" not in client.get(project.url).content.decode()


def test_restore_is_refused_when_another_page_took_the_address(client, people, cohort):
    soft_delete(client, people, cohort)
    CohortPageFactory(title="Another 2024", slug="class-of-2024", year=2024)
    deletion = DeletedPage.objects.get(page=cohort)
    url = reverse("fellowship_deleted_items_restore", args=[deletion.pk])

    assert "now uses its web address" in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert "now uses its web address" in response.content.decode()
    assert Page.objects.get(pk=cohort.pk).get_parent().specific_class is DeletedItemsPage


def test_two_cohorts_with_one_address_can_both_wait_in_deleted_items(client, people, cohort):
    soft_delete(client, people, cohort)
    again = CohortPageFactory(title="Class of 2024 again", slug="class-of-2024", year=2024)

    client.post(delete_url(again))

    assert DeletedPage.objects.count() == 2
    deletion = DeletedPage.objects.get(page=cohort)
    client.post(reverse("fellowship_deleted_items_restore", args=[deletion.pk]))
    assert CohortPage.objects.get(pk=cohort.pk).slug == "class-of-2024"
    assert CohortPage.objects.get(pk=cohort.pk).live
    # The second one was made live without ever having a revision; it comes back live all the same.
    assert again.live_revision is None
    CohortPage.objects.get(pk=cohort.pk).delete()
    client.post(
        reverse("fellowship_deleted_items_restore", args=[DeletedPage.objects.get(page=again).pk])
    )
    restored = CohortPage.objects.get(pk=again.pk)
    assert (restored.live, restored.slug) == (True, "class-of-2024")


def test_permanent_delete_needs_the_title_typed(client, people, cohort):
    soft_delete(client, people, cohort)
    deletion = DeletedPage.objects.get(page=cohort)
    url = reverse("fellowship_deleted_items_destroy", args=[deletion.pk])

    assert "cannot be undone" in client.get(url).content.decode()
    wrong = client.post(url, {"confirm_title": "Class of 2023"})
    assert wrong.status_code == 200
    assert "Type the title exactly" in wrong.content.decode()
    assert Page.objects.filter(pk=cohort.pk).exists()

    done = client.post(url, {"confirm_title": "class of 2024"})
    assert done["Location"] == DELETED_ITEMS_URL

    assert not Page.objects.filter(pk=cohort.pk).exists()
    assert not ProjectPage.objects.filter(pk=cohort.live_project.pk).exists()
    assert PageLogEntry.objects.filter(page_id=cohort.pk, action="wagtail.delete").exists()


@pytest.mark.parametrize(
    "role", ["listed_fellow", "same_cohort_fellow", "assigned_mentor", "unassigned_mentor"]
)
def test_fellows_and_mentors_cannot_delete_restore_or_destroy(client, people, cohort, role):
    login_as(client, people, role)
    client.post(delete_url(cohort))
    assert Page.objects.get(pk=cohort.pk).live

    soft_delete(client, people, cohort)
    deletion = DeletedPage.objects.get(page=cohort)
    login_as(client, people, role)

    listing = client.get(DELETED_ITEMS_URL)
    restore = client.post(reverse("fellowship_deleted_items_restore", args=[deletion.pk]))
    destroy = client.post(
        reverse("fellowship_deleted_items_destroy", args=[deletion.pk]),
        {"confirm_title": cohort.title},
    )

    for response in (listing, restore, destroy):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert Page.objects.get(pk=cohort.pk).get_parent().specific_class is DeletedItemsPage
    assert DELETED_ITEMS_URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_deleted_items_lists_what_was_deleted_and_by_whom(client, people, cohort):
    soft_delete(client, people, cohort)

    response = client.get(DELETED_ITEMS_URL)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Class of 2024" in text and "programme_team" in text
    assert DELETED_ITEMS_URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_bulk_delete_of_a_cohort_also_goes_to_deleted_items(client, people, cohort):
    login_as(client, people, "programme_team")
    index = CohortIndexPage.objects.get()
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={cohort.pk}&childOf={index.pk}&next=/admin/pages/{index.pk}/"
    )

    response = client.post(url, {"type_to_confirm_before_delete": "Fellowship Hub"})

    assert response.status_code == 302
    assert Page.objects.get(pk=cohort.pk).get_parent().specific_class is DeletedItemsPage
    assert DeletedPage.objects.filter(page=cohort).exists()


def test_deleting_a_project_moves_it_to_deleted_items_and_restore_brings_it_back(
    client, people, cohort
):
    project = cohort.live_project
    project_url = project.url
    login_as(client, people, "programme_team")

    confirm = client.get(delete_url(project))
    assert "The project (1 page in all, 1 published)" in " ".join(confirm.content.decode().split())
    client.post(delete_url(project))

    moved = ProjectPage.objects.get(pk=project.pk)
    assert not moved.live
    assert moved.get_parent().specific_class is DeletedItemsPage
    assert Finding.objects.filter(page=project).count() == 1
    assert CohortPage.objects.get(pk=cohort.pk).live  # only the project went
    entry = PageLogEntry.objects.get(page_id=project.pk, action="fellowship.soft_delete")
    assert entry.user == people.users["programme_team"]
    client.logout()
    assert client.get(project_url).status_code == 404
    assert "Warm letters" not in client.get("/search/?q=warm+letters").content.decode()

    login_as(client, people, "programme_team")
    client.post(
        reverse("fellowship_deleted_items_restore", args=[DeletedPage.objects.get(page=project).pk])
    )

    restored = ProjectPage.objects.get(pk=project.pk)
    assert restored.live and restored.get_parent().pk == cohort.pk
    client.logout()
    assert "Warm letters reduced missed appointments." in client.get(project_url).content.decode()


def test_a_project_cannot_be_restored_into_a_cohort_that_is_itself_deleted(client, people, cohort):
    login_as(client, people, "programme_team")
    client.post(delete_url(cohort.live_project))
    client.post(delete_url(cohort))
    deletion = DeletedPage.objects.get(page=cohort.live_project)

    response = client.post(
        reverse("fellowship_deleted_items_restore", args=[deletion.pk]), follow=True
    )

    assert response.redirect_chain == [(reverse("fellowship_deleted_items"), 302)]
    errors = [m.message for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and "the page it was under no longer exists" in errors[0]
    assert ProjectPage.objects.get(pk=cohort.live_project.pk).get_parent().specific_class is (
        DeletedItemsPage
    )
    assert DeletedPage.objects.filter(pk=deletion.pk).exists()


def test_deleted_items_itself_cannot_be_deleted(client, people, cohort):
    soft_delete(client, people, cohort)
    holding = DeletedItemsPage.objects.get()
    login_as(client, people, "superuser")

    response = client.post(delete_url(holding), {"confirm_site_name": "Fellowship Hub"})

    assert response.status_code == 302 and response["Location"] == DELETED_ITEMS_URL
    assert DeletedItemsPage.objects.filter(pk=holding.pk).exists()
    assert Page.objects.filter(pk=cohort.pk).exists()


def test_superuser_can_destroy_a_cohort_from_the_page_tree_too(client, people, cohort):
    soft_delete(client, people, cohort)
    login_as(client, people, "superuser")

    client.post(delete_url(cohort), {"confirm_site_name": "Fellowship Hub"})

    assert not Page.objects.filter(pk=cohort.pk).exists()
    assert not DeletedPage.objects.exists()


def test_a_deleted_cohort_leaves_the_fellows_dashboard_and_the_tracker(client, people, cohort):
    login_as(client, people, "programme_team")
    assert (
        reverse("tracker", args=[cohort.pk])
        in client.get(reverse("tracker_index")).content.decode()
    )
    login_as(client, people, "listed_fellow")
    assert "Quiet rooms" in client.get(reverse("wagtailadmin_home")).content.decode()

    soft_delete(client, people, cohort)
    tracker = client.get(reverse("tracker_index")).content.decode()
    login_as(client, people, "listed_fellow")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Quiet rooms" not in dashboard and "Warm letters" not in dashboard
    assert reverse("tracker", args=[cohort.pk]) not in tracker
