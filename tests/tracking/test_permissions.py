"""Who may see and do what with a project's milestones and check-ins, tested per role on the server."""

from django.urls import reverse

import pytest

from tests.reviews.helpers import ROLES, login_as
from tests.tracking.conftest import SECRET_NOTE, SECRET_STEP
from tracking.models import CheckIn, Milestone

MAY_SEE = {"listed_fellow", "assigned_mentor", "programme_team", "superuser"}
MAY_MARK_DONE = {"listed_fellow", "programme_team", "superuser"}
MAY_RECORD = {"assigned_mentor", "programme_team", "superuser"}
TEAM = {"programme_team", "superuser"}


def refused(response):
    """Wagtail's refusal inside the admin: back to the dashboard (or the sign-in page), or a 403."""
    if response.status_code == 302:
        location = response["Location"]
        return location == reverse("wagtailadmin_home") or location.startswith(
            reverse("wagtailadmin_login")
        )
    return response.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_projects_fellows_mentors_and_the_team_see_its_check_ins(client, scene, role):
    login_as(client, scene.people, role)
    response = client.get(reverse("project_tracking", args=[scene.project.pk]))
    if role in MAY_SEE:
        assert response.status_code == 200
        text = response.content.decode()
        assert SECRET_NOTE in text and SECRET_STEP in text
        assert "Overdue by 5 days" in text
    else:
        assert refused(response)
        assert SECRET_NOTE not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_projects_fellows_and_the_team_mark_a_milestone_done(client, scene, role):
    milestone = scene.milestones["Data collection"]
    login_as(client, scene.people, role)
    response = client.post(
        reverse("milestone_done", args=[milestone.pk]),
        {"done_on": "2024-01-10", "note": "Twelve interviews done."},
    )
    milestone.refresh_from_db()
    if role in MAY_MARK_DONE:
        assert response.status_code == 302 and not refused(response)
        assert milestone.done_on.isoformat() == "2024-01-10"
        assert milestone.note == "Twelve interviews done."
        assert milestone.done_by == scene.people.users[role]
    else:
        assert refused(response)
        assert milestone.done_on is None


@pytest.mark.parametrize("role", ROLES)
def test_only_the_projects_mentors_and_the_team_record_a_check_in(client, scene, role):
    login_as(client, scene.people, role)
    response = client.post(
        reverse("check_in_add", args=[scene.project.pk]),
        {"date": "2024-02-01", "rating": "3", "note": "Back on track.", "next_step": "Draft"},
    )
    recorded = CheckIn.objects.filter(note="Back on track.").exists()
    if role in MAY_RECORD:
        assert not refused(response) and recorded
    else:
        assert refused(response) and not recorded


@pytest.mark.parametrize("role", ROLES)
def test_only_the_team_adjusts_a_projects_milestones(client, scene, role):
    login_as(client, scene.people, role)
    url = reverse("milestones_adjust", args=[scene.project.pk])
    if role not in TEAM:
        assert refused(client.get(url))
    milestones = list(scene.project.milestones.order_by("pk"))
    data = {
        "milestones-TOTAL_FORMS": str(len(milestones) + 1),
        "milestones-INITIAL_FORMS": str(len(milestones)),
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
    }
    for index, milestone in enumerate(milestones):
        data[f"milestones-{index}-id"] = str(milestone.pk)
        data[f"milestones-{index}-name"] = milestone.name
        data[f"milestones-{index}-due_date"] = "2031-06-30"
    data[f"milestones-{len(milestones)}-name"] = "Ethics approval"
    data[f"milestones-{len(milestones)}-due_date"] = "2031-07-31"
    response = client.post(url, data)
    added = scene.project.milestones.filter(name="Ethics approval").exists()
    moved = scene.project.milestones.filter(due_date="2031-06-30").count()
    if role in TEAM:
        assert not refused(response) and added and moved == len(milestones)
    else:
        assert refused(response) and not added and moved == 0


@pytest.mark.parametrize("role", ROLES)
def test_only_the_team_opens_the_tracker_and_its_downloads(client, scene, role):
    login_as(client, scene.people, role)
    url = reverse("tracker", args=[scene.people.cohort.pk])
    for variant in (url, url + "?export=csv", url + "?export=xlsx"):
        response = client.get(variant)
        if role in TEAM:
            assert response.status_code == 200, variant
        else:
            assert refused(response), variant


def test_a_bad_date_on_a_check_in_is_explained_not_saved(client, scene):
    login_as(client, scene.people, "assigned_mentor")
    response = client.post(
        reverse("check_in_add", args=[scene.project.pk]),
        {"date": "2999-01-01", "rating": "9", "note": "x"},
    )
    assert response.status_code == 200
    assert "Record a check-in once it has happened." in response.content.decode()
    assert not CheckIn.objects.filter(note="x").exists()


def test_a_fellow_can_undo_marking_a_milestone_done(client, scene):
    proposal = scene.milestones["Proposal agreed"]
    login_as(client, scene.people, "listed_fellow")
    client.post(reverse("milestone_done", args=[proposal.pk]), {"undo": "1"})
    assert Milestone.objects.get(pk=proposal.pk).done_on is None


@pytest.mark.parametrize("role", ["listed_fellow", "assigned_mentor"])
def test_the_fellow_and_mentor_see_the_overdue_milestone_on_their_admin_home(client, scene, role):
    login_as(client, scene.people, role)
    text = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 overdue" in text and "Data collection" in text


@pytest.mark.parametrize("role", ["same_cohort_fellow", "unassigned_mentor"])
def test_others_see_nothing_of_the_projects_milestones_on_their_admin_home(client, scene, role):
    login_as(client, scene.people, role)
    text = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Data collection" not in text and "Quiet streets" not in text
