"""Projects get their cohort's milestones: when they are created, and when the template grows."""

from datetime import date

from tests.factories import ProjectPageFactory
from tracking.models import Milestone, MilestoneTemplate


def test_a_new_project_gets_its_cohorts_milestones_with_their_due_dates(scene):
    got = sorted(scene.project.milestones.values_list("name", "due_date"))
    assert got == sorted((t.name, t.due_date) for t in scene.templates)


def test_a_project_in_another_cohort_gets_none_of_them(scene, people):
    other = ProjectPageFactory(parent=people.other_cohort, fellows=[people.other_cohort_fellow])
    assert other.milestones.count() == 0


def test_a_milestone_added_to_the_template_reaches_the_cohorts_existing_projects(scene, people):
    MilestoneTemplate.objects.create(
        cohort=people.cohort, name="Knowledge Exchange presentation", due_date=date(2025, 3, 5)
    )
    assert scene.project.milestones.filter(name="Knowledge Exchange presentation").exists()


def test_a_project_adjusted_by_the_team_keeps_its_own_dates_when_saved_again(scene):
    milestone = scene.milestones["Data collection"]
    milestone.due_date = date(2030, 1, 1)
    milestone.save()
    scene.project.save_revision().publish()
    assert Milestone.objects.get(pk=milestone.pk).due_date == date(2030, 1, 1)
    assert scene.project.milestones.count() == 3
