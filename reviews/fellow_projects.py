"""Where each of a fellow's projects stands in review, in plain words.

Read by the "Your projects" panel on a fellow's admin dashboard and by the banner at the top of
the project editor that gives the reason when changes were requested. Wagtail's own words
("In Moderation", "Changes requested by" the person who submitted) name neither the step nor
who holds the project next.
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.dateformat import format as format_date

from wagtail.models import TaskState, WorkflowState

from cohorts.models import Mentor
from core.pages import in_a_site
from projects.models import ProjectPage
from projects.permissions import listed_project_ids
from reviews.models import MentorReviewTask

DRAFT = "Draft"
WITH_MENTOR = "With your mentor"
CHANGES_REQUESTED = "Changes requested"
AWAITING_PUBLICATION = "Approved, awaiting publication"
PUBLISHED = "Published"

PROGRAMME_TEAM = "The programme team"


@dataclass(frozen=True)
class ChangeRequest:
    """The reason given for requesting changes, by whom and when."""

    reason: str
    by: str
    on: str


@dataclass(frozen=True)
class ProjectStage:
    """One project as its fellow sees it on the dashboard."""

    page: object
    stage: str
    next_step: str
    held_by: str
    change_request: ChangeRequest | None = None

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    @property
    def live_url(self):
        return self.page.url if self.page.live else ""


def person_name(user):
    """A person as fellows know them: their mentor or fellow profile's name, else their account."""
    if user is None:
        return PROGRAMME_TEAM
    for profile in ("mentor_profile", "fellow_profile"):
        try:
            return getattr(user, profile).name
        except ObjectDoesNotExist:
            continue
    return user.get_full_name() or user.get_username()


def _joined(names):
    if not names:
        return PROGRAMME_TEAM
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def mentor_names(page):
    """The mentors saved on ``page``, joined in plain words, or the programme team if none."""
    return _joined(
        list(
            Mentor.objects.filter(projects__pk=page.pk)
            .order_by("name")
            .values_list("name", flat=True)
        )
    )


def _as_change_request(rejected):
    when = format_date(rejected.finished_at, "j F Y") if rejected.finished_at else ""
    return ChangeRequest(
        reason=(rejected.comment or "").strip(), by=person_name(rejected.finished_by), on=when
    )


def _rejections(states):
    """The task states that asked for changes in ``states``, with who asked, latest first."""
    return (
        TaskState.objects.filter(workflow_state__in=states, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by__mentor_profile", "finished_by__fellow_profile")
        .order_by("-finished_at", "-pk")
    )


def change_request(page):
    """The latest request for changes on ``page`` still waiting for the fellows, or None."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    rejected = _rejections([state]).first()
    return _as_change_request(rejected) if rejected is not None else None


_UNKNOWN = object()


def stage_of(page, state=_UNKNOWN, mentors=None, request=_UNKNOWN):
    """Where ``page`` stands, what happens next and who holds it.

    ``state`` (its workflow state in progress or waiting for changes), ``mentors`` (their names
    in plain words) and ``request`` (the change request) are looked up unless given.
    """
    if state is _UNKNOWN:
        state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        if request is _UNKNOWN:
            request = change_request(page)
        return ProjectStage(
            page,
            CHANGES_REQUESTED,
            "Read the reason at the top of the editor, make the changes, then resubmit.",
            "You",
            request,
        )
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        task = state.current_task_state.task if state.current_task_state else None
        if task is not None and issubclass(task.specific_class, MentorReviewTask):
            mentors = mentors or mentor_names(page)
            return ProjectStage(
                page,
                WITH_MENTOR,
                f"{mentors} will approve it or ask for changes. It is locked while they read it.",
                mentors,
            )
        return ProjectStage(
            page,
            AWAITING_PUBLICATION,
            "Your mentor approved it. The programme team checks it and publishes it.",
            "The programme team",
        )
    if page.live and not page.has_unpublished_changes:
        return ProjectStage(
            page,
            PUBLISHED,
            "It is on the public site. Any changes you make go to your mentor again before "
            "they are published.",
            "Nobody: it is finished",
        )
    if page.live:
        return ProjectStage(
            page,
            DRAFT,
            "You have changes that are not published yet. The published version stays online "
            "until your mentor and the programme team approve them. Submit them when ready.",
            "You",
        )
    return ProjectStage(
        page,
        DRAFT,
        "Finish writing, work through the checklist at the top of the editor, then submit it "
        "to your mentor.",
        "You",
    )


def stages_for(user):
    """Each project ``user`` is a fellow on, with its stage, most recently changed first.

    Workflow states, mentors and change requests are read for all the projects at once, so the
    dashboard asks the same number of questions for one project as for ten.
    """
    pages = list(
        in_a_site(ProjectPage.objects.filter(pk__in=listed_project_ids(user))).order_by(
            "-latest_revision_created_at", "title"
        )
    )
    if not pages:
        return []
    ids = [page.pk for page in pages]
    states = {
        int(state.object_id): state
        for state in WorkflowState.objects.active()
        .filter(
            base_content_type=pages[0].get_base_content_type(),
            object_id__in=[str(pk) for pk in ids],
        )
        .select_related("current_task_state__task")
    }
    names = {}
    for project_id, name in (
        Mentor.objects.filter(projects__pk__in=ids)
        .order_by("name")
        .values_list("projects__pk", "name")
    ):
        names.setdefault(project_id, []).append(name)
    requests = {}
    waiting = [s for s in states.values() if s.status == WorkflowState.STATUS_NEEDS_CHANGES]
    for rejected in _rejections(waiting) if waiting else []:
        requests.setdefault(rejected.workflow_state_id, _as_change_request(rejected))
    return [
        stage_of(
            page,
            state=states.get(page.pk),
            mentors=_joined(names.get(page.pk, [])),
            request=requests.get(states[page.pk].pk) if page.pk in states else None,
        )
        for page in pages
    ]
