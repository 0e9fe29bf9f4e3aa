"""The role groups, their migrations, and what the public can see."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    PageViewRestriction,
    Workflow,
    WorkflowPage,
)

from cohorts.models import CohortIndexPage
from reviews.models import MentorReviewTask
from reviews.permissions import FELLOWS, MENTORS, PROGRAMME_TEAM
from tests.factories import FellowFactory, MentorFactory, UserFactory

roles_migration = importlib.import_module("reviews.migrations.0002_roles")
workflow_migration = importlib.import_module("reviews.migrations.0003_project_review_workflow")


def page_codenames(group):
    return set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page__title", "permission__codename"
        )
    )


def test_migrations_create_the_three_role_groups(db):
    fellows, mentors, team = (Group.objects.get(name=n) for n in (FELLOWS, MENTORS, PROGRAMME_TEAM))
    for group in (fellows, mentors, team):
        assert group.permissions.filter(codename="access_admin").exists()
    assert page_codenames(fellows) == {("Cohorts", "add_page"), ("Cohorts", "change_page")}
    assert page_codenames(mentors) == set()
    assert page_codenames(team) == {
        ("Fellowship Hub", f"{action}_page")
        for action in ("add", "change", "publish", "lock", "unlock", "delete", "bulk_delete")
    }
    for model in ("fellow", "mentor", "theme"):
        for action in ("add", "change", "delete"):
            assert team.permissions.filter(codename=f"{action}_{model}").exists()
    fellow_media = set(
        GroupCollectionPermission.objects.filter(group=fellows).values_list(
            "permission__codename", flat=True
        )
    )
    assert fellow_media == {"add_image", "choose_image", "add_document", "choose_document"}


def test_migrations_create_the_project_review_workflow_on_the_cohort_index(db):
    workflow = Workflow.objects.get(name="Project review")
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == ["Mentor review", "Programme sign-off"]
    assert isinstance(tasks[0], MentorReviewTask)
    assert isinstance(tasks[1], GroupApprovalTask)
    assert list(tasks[1].groups.values_list("name", flat=True)) == [PROGRAMME_TEAM]
    assert WorkflowPage.objects.get(page=CohortIndexPage.objects.get()).workflow == workflow


def test_running_the_role_and_workflow_migrations_again_changes_nothing(db):
    def snapshot():
        return (
            Group.objects.count(),
            Permission.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            Workflow.objects.count(),
            MentorReviewTask.objects.count(),
            GroupApprovalTask.objects.count(),
            WorkflowPage.objects.count(),
            sorted(Group.objects.get(name=FELLOWS).permissions.values_list("pk", flat=True)),
        )

    before = snapshot()
    roles_migration.create_roles(apps, None)
    workflow_migration.create_workflow(apps, None)
    assert snapshot() == before


def test_linking_an_account_to_a_fellow_or_mentor_gives_the_role(db):
    fellow_user, mentor_user = UserFactory(), UserFactory()
    fellow = FellowFactory()
    assert not fellow_user.groups.exists()
    fellow.user = fellow_user
    fellow.save()
    MentorFactory(user=mentor_user)
    assert list(fellow_user.groups.values_list("name", flat=True)) == [FELLOWS]
    assert list(mentor_user.groups.values_list("name", flat=True)) == [MENTORS]


def test_anonymous_visitor_is_sent_to_log_in_for_the_admin(client, people):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_public_sees_live_projects_only(client, people):
    draft = people.project(summary="Draft words nobody should read yet.")
    live = people.project(live=True, title="Published", slug="published")
    assert client.get(draft.url).status_code == 404
    assert client.get(live.url).status_code == 200
    cohort_page = client.get(people.cohort.url).content.decode()
    assert "Published" in cohort_page
    assert draft.title not in cohort_page


def test_live_changes_stay_private_until_published(client, people):
    project = people.project(live=True, summary="The published summary.")
    project.summary = "An unpublished rewrite."
    project.save_revision(user=people.users["listed_fellow"])
    body = client.get(project.url).content.decode()
    assert "The published summary." in body
    assert "An unpublished rewrite." not in body


def test_private_project_is_hidden_from_the_public(client, people):
    project = people.project(live=True, summary="Shared with fellows only.")
    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(project.url)
    assert response.status_code == 302
    assert "Shared with fellows only." not in response.content.decode()
    assert project.title not in client.get(people.cohort.url).content.decode()
    client.force_login(people.users["listed_fellow"])
    assert "Shared with fellows only." in client.get(project.url).content.decode()
