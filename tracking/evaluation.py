"""The tracking sheets of the evaluation dataset: milestones and check-ins, by project.

Only dates, states and the check-in scale leave the site. A fellow's note on a milestone, a
mentor's private note and the wording of the agreed next step are left out whatever the export's
options, because they were written for the fellow, their mentors and the programme team only.
No column names a person, so these sheets read the same in the identifiable export.
"""

from django.utils import timezone

from core.datasets import Column, Sheet
from tracking.models import CheckIn, Milestone


def _milestone_rows(identifiable):
    today = timezone.localdate()
    milestones = Milestone.objects.only("project_id", "name", "due_date", "done_on").order_by(
        "project_id", "due_date", "name", "pk"
    )
    for milestone in milestones:
        yield [
            milestone.pk,
            milestone.project_id,
            milestone.name,
            milestone.due_date,
            milestone.done_on,
            milestone.days_overdue(today) > 0,
        ]


MILESTONES = Sheet(
    "Milestones",
    "Every project's milestones through the fellowship year. Fellows' notes are not exported.",
    [
        Column("milestone_id", "The milestone's id."),
        Column("project_id", "The project the milestone belongs to (Projects sheet)."),
        Column("milestone", "The milestone's name, usually from the cohort's template."),
        Column("due_date", "When the milestone is due, as adjusted for this project."),
        Column("done_on", "The day it was marked done; empty if not done yet."),
        Column("overdue", "TRUE when not done and past its due date on the day of the export."),
    ],
    _milestone_rows,
)


def _check_in_rows(identifiable):
    check_ins = CheckIn.objects.only("project_id", "date", "rating", "next_step").order_by(
        "project_id", "date", "pk"
    )
    for check_in in check_ins:
        yield [
            check_in.pk,
            check_in.project_id,
            check_in.date,
            check_in.get_rating_display(),
            check_in.rating,
            bool(check_in.next_step.strip()),
        ]


CHECK_INS = Sheet(
    "Check-ins",
    "Mentors' check-ins with each project's fellows: when, and how they went. Private notes and "
    "the wording of agreed next steps are not exported.",
    [
        Column("check_in_id", "The check-in's id."),
        Column("project_id", "The project checked in on (Projects sheet)."),
        Column("date", "The day of the check-in."),
        Column("rating", "How it went: Struggling, Some concerns or Going well."),
        Column("rating_value", "As a number: 1 Struggling, 2 Some concerns, 3 Going well."),
        Column("next_step_agreed", "TRUE when the mentor recorded an agreed next step."),
    ],
    _check_in_rows,
)

SHEETS = [MILESTONES, CHECK_INS]
