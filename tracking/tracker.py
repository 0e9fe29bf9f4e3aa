"""The tracker's rows: for each project, its stage, next milestone, days in review, last check-in
and the RAG status the rule in ``tracking/rag.py`` derives from them."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page, WorkflowState

from core.vocabularies import Status as ProjectStatus
from tracking import rag
from tracking.models import CheckIn, Milestone


@dataclass
class Row:
    """One project on the tracker."""

    project: object
    title: str
    fellows: list
    mentors: list
    status: str
    review_task: str | None
    days_in_review: int | None
    milestones: list
    next_milestone: object
    overdue: list
    last_check_in: object
    rag: rag.Status
    reasons: list = field(default_factory=list)

    @property
    def pk(self):
        return self.project.pk

    @property
    def stage(self):
        label = ProjectStatus(self.status).label if self.status in ProjectStatus.values else ""
        return f"{label}, in {self.review_task}" if self.review_task else label

    @property
    def next_due(self):
        return self.next_milestone.due_date if self.next_milestone else None

    @property
    def last_check_in_date(self):
        return self.last_check_in.date if self.last_check_in else None

    @property
    def milestones_done(self):
        return sum(1 for m in self.milestones if m.is_done)


def review_states(project_ids):
    """The review each project is in now, by project id: (task name, days since submitted)."""
    states = (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in project_ids],
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("current_task_state__task")
        .order_by("created_at")
    )
    return {int(state.object_id): state for state in states}


def build_rows(projects, today=None, now=None):
    """Rows for ``projects`` (a queryset of project pages), in the order given."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    projects = list(projects.prefetch_related("fellows", "mentors"))
    ids = [p.pk for p in projects]
    milestones = defaultdict(list)
    for milestone in Milestone.objects.filter(project_id__in=ids).order_by("due_date", "name"):
        milestones[milestone.project_id].append(milestone)
    last_check_ins = {}
    for check_in in CheckIn.objects.filter(project_id__in=ids).order_by("-date", "-pk"):
        last_check_ins.setdefault(check_in.project_id, check_in)
    reviews = review_states(ids)
    rows = []
    for project in projects:
        own = milestones[project.pk]
        open_ = [m for m in own if not m.is_done]
        overdue = [m for m in open_ if m.days_overdue(today) > 0]
        review = reviews.get(project.pk)
        days_in_review = (now - review.created_at).days if review else None
        task_state = review.current_task_state if review else None
        check_in = last_check_ins.get(project.pk)
        facts = rag.Facts(
            most_days_overdue=max((m.days_overdue(today) for m in overdue), default=0),
            days_in_review=days_in_review,
            last_check_in_rating=check_in.rating if check_in else None,
            days_since_check_in=(today - check_in.date).days if check_in else None,
            finished=not open_ and (bool(own) or project.status == ProjectStatus.COMPLETE),
        )
        status = rag.status_of(facts)
        rows.append(
            Row(
                project=project,
                title=project.get_admin_display_title(),
                fellows=[f.name for f in project.fellows.all()],
                mentors=[m.name for m in project.mentors.all()],
                status=project.status,
                review_task=task_state.task.name if task_state else None,
                days_in_review=days_in_review,
                milestones=own,
                next_milestone=open_[0] if open_ else None,
                overdue=overdue,
                last_check_in=check_in,
                rag=status,
                reasons=status.reasons,
            )
        )
    return rows


def _missing_last(value, reverse):
    # Rows without a value go to the end whichever way the column is sorted.
    return (value is None) != reverse, value


SORTS = {
    "project": ("Project", lambda row: row.title.casefold()),
    "stage": ("Stage", lambda row: (ProjectStatus.values.index(row.status), row.review_task or "")),
    "next_due": ("Next milestone due", lambda row: row.next_due),
    "days_in_review": ("Days in review", lambda row: row.days_in_review),
    "last_check_in": ("Last check-in", lambda row: row.last_check_in_date),
    "rag": ("RAG status", lambda row: rag.ORDER[row.rag.rag]),
}
DEFAULT_SORT = "rag"


def sort_rows(rows, sort):
    """Sort by a column of ``SORTS``, ``-`` before it for descending; unknown columns use RAG."""
    reverse = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS:
        key, reverse = DEFAULT_SORT, False
    by = SORTS[key][1]
    # RAG first, then the next due date, is the order the programme team reads the page in.
    rows = sorted(rows, key=lambda row: _missing_last(row.next_due, False))
    rows = sorted(rows, key=lambda row: rag.ORDER[row.rag.rag])
    return sorted(rows, key=lambda row: _missing_last(by(row), reverse), reverse=reverse)


def export_table(rows, today=None):
    """Headers and plain values of the rows, as the CSV and workbook downloads write them."""
    headers = [
        "Project",
        "Fellows",
        "Mentors",
        "Stage",
        "Next milestone",
        "Next milestone due",
        "Overdue milestones",
        "Days in review",
        "Last check-in",
        "Last check-in rating",
        "RAG status",
        "Why",
    ]
    table = []
    for row in rows:
        table.append(
            [
                row.title,
                ", ".join(row.fellows),
                ", ".join(row.mentors),
                row.stage,
                row.next_milestone.name if row.next_milestone else "",
                row.next_due,
                len(row.overdue),
                row.days_in_review,
                row.last_check_in_date,
                row.last_check_in.get_rating_display() if row.last_check_in else "",
                row.rag.label,
                "; ".join(row.reasons),
            ]
        )
    return headers, table
