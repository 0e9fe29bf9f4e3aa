"""People, pages and form data for the role and review tests."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from reviews.permissions import PROGRAMME_TEAM
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    MentorFactory,
    ProjectPageFactory,
    UserFactory,
)

ROLES = [
    "anonymous",
    "listed_fellow",
    "same_cohort_fellow",
    "other_cohort_fellow",
    "assigned_mentor",
    "unassigned_mentor",
    "programme_team",
    "superuser",
]


class People:
    """The cast of the review tests, one account per role, with the pages they relate to."""

    def __init__(self):
        self.cohort = CohortPageFactory(title="Class of 2024", slug="class-of-2024", year=2024)
        self.other_cohort = CohortPageFactory(
            title="Class of 2023", slug="class-of-2023", year=2023
        )
        self.users = {"anonymous": None}
        self.listed = self._fellow("listed_fellow", "Ada Listed", self.cohort)
        self.same_cohort = self._fellow("same_cohort_fellow", "Ben Samecohort", self.cohort)
        self.other_cohort_fellow = self._fellow(
            "other_cohort_fellow", "Cara Othercohort", self.other_cohort
        )
        self.mentor = self._mentor("assigned_mentor", "Dev Assigned")
        self.other_mentor = self._mentor("unassigned_mentor", "Eve Unassigned")
        team_member = UserFactory(username="programme_team", email="team@example.org")
        team_member.groups.add(Group.objects.get(name=PROGRAMME_TEAM))
        self.users["programme_team"] = team_member
        self.users["superuser"] = UserFactory(
            username="superuser", email="admin@example.org", is_superuser=True, is_staff=True
        )

    def _fellow(self, role, name, cohort):
        user = UserFactory(username=role, email=f"{role}@example.org")
        self.users[role] = user
        return FellowFactory(name=name, cohort=cohort, user=user, email=user.email)

    def _mentor(self, role, name):
        user = UserFactory(username=role, email=f"{role}@example.org")
        self.users[role] = user
        return MentorFactory(name=name, email=user.email, user=user)

    def project(self, live=False, **kwargs):
        """A project in the 2024 cohort run by the listed fellow and reviewed by the assigned mentor."""
        kwargs.setdefault("parent", self.cohort)
        kwargs.setdefault("title", "Letters that do no harm")
        kwargs.setdefault("slug", "letters-that-do-no-harm")
        kwargs.setdefault("fellows", [self.listed])
        kwargs.setdefault("mentors", [self.mentor])
        kwargs.setdefault("owner", self.users["listed_fellow"])
        project = ProjectPageFactory(live=live, **kwargs)
        project.save_revision(user=self.users["listed_fellow"])
        return project

    def own_cohort(self, role):
        """The cohort a role may add projects to: a fellow's own, else the 2024 cohort."""
        return self.other_cohort if role == "other_cohort_fellow" else self.cohort

    def not_own_cohort(self, role):
        return self.cohort if role == "other_cohort_fellow" else self.other_cohort


def login_as(client, people, role):
    user = people.users[role]
    if user is not None:
        client.force_login(user)
    return user


def project_form_data(project=None, **values):
    """POST data for the project editor: the project's saved values, with ``values`` on top."""
    if project is not None:
        values = {
            "title": project.title,
            "slug": project.slug,
            "summary": project.summary,
            "fellows": [f.pk for f in project.fellows.all()],
            "mentors": [m.pk for m in project.mentors.all()],
            "places": list(project.places or []),
            "status": project.status,
            "content_note": project.content_note,
            "mentor_notes": project.mentor_notes,
            **values,
        }
    data = {
        "summary": "A plain-language summary of the project.",
        "status": "in_progress",
        "start_date": "",
        "end_date": "",
        "themes": "",
        "content_note": "",
        "mentor_notes": "",
        "seo_title": "",
        "search_description": "",
        "places": [],
        "mentors": [],
        **nested_form_data(
            {
                "body": streamfield([]),
                "findings": inline_formset([]),
                "links": inline_formset([]),
                "comments": inline_formset([]),
            }
        ),
    }
    data.update(values)
    for many in ("fellows", "mentors"):
        data[many] = [str(getattr(item, "pk", item)) for item in data.get(many, [])]
    return data


def finding_form_data(**values):
    """One finding's fields as the editor posts them, with ``values`` on top."""
    return {
        "headline": "Warm letters reduced missed appointments.",
        "detail": "",
        "evidence_type": "interviews",
        "confidence": "moderate",
        "recommendation": "",
        "participants": "",
        "setting": "",
        "fieldwork_start": "",
        "fieldwork_end": "",
        "themes": "",
        **values,
    }


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["projects", "projectpage", parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def assign_mentors(client, people, project, mentors):
    """The programme team assigns ``mentors`` in the editor: fellows cannot choose their own."""
    from projects.models import ProjectPage

    login_as(client, people, "programme_team")
    project = ProjectPage.objects.get(pk=project.pk)
    response = client.post(edit_url(project), project_form_data(project, mentors=mentors))
    assert response.status_code == 302
    return ProjectPage.objects.get(pk=project.pk)


def submit_for_review(client, people):
    """The listed fellow writes a project, the programme team assigns its mentor, and the fellow
    submits it to the "Project review" workflow."""
    from projects.models import ProjectPage

    login_as(client, people, "listed_fellow")
    data = project_form_data(
        title="Letters that do no harm",
        slug="letters-that-do-no-harm",
        fellows=[people.listed],
    )
    response = client.post(add_url(people.cohort), data)
    assert response.status_code == 302
    project = ProjectPage.objects.get(slug="letters-that-do-no-harm")
    project = assign_mentors(client, people, project, [people.mentor])
    login_as(client, people, "listed_fellow")
    data = project_form_data(project, **{"action-submit": "submit"})
    response = client.post(edit_url(project), data)
    assert response.status_code == 302
    return ProjectPage.objects.get(slug="letters-that-do-no-harm")
