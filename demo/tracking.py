"""The class of 2024's year in progress for ``seed_demo``: milestones, check-ins and a review wait.

The dates are counted back from the day the command runs, so that the tracker always shows a year
about eight months in: most projects on track, some late, one draft stuck in review for three
weeks. Running it again puts everything back as described here (on that day's dates).
"""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import WorkflowState

from cohorts.models import CohortPage
from projects.models import ProjectPage
from tracking.models import CheckIn, Milestone, MilestoneTemplate, Rating

COHORT = "class-of-2024"
# Days after the start of the year (240 days ago) that each milestone is due.
TEMPLATE = [
    ("Proposal agreed", 28),
    ("Approvals and ethics", 70),
    ("Data collection finished", 150),
    ("Analysis done", 230),
    ("First draft to mentor", 255),
    ("Knowledge Exchange presentation", 290),
    ("Final write-up published", 330),
]
YEAR_STARTED = 240
STUCK_IN_REVIEW = ("asking-about-adversity-in-the-first-thousand-days", 21)

GOOD, CONCERNS, STRUGGLING = Rating.GOING_WELL, Rating.SOME_CONCERNS, Rating.STRUGGLING

# Per project: how many milestones are done (in template order), with notes; milestones the
# programme team moved (name: days after the start); check-ins as (days ago, rating, note, step).
PROJECTS = {
    "asking-about-adversity-in-the-first-thousand-days": {
        "done": 5,
        "notes": {"First draft to mentor": "Draft submitted for Joanne's review."},
        "check_ins": [
            (60, GOOD, "Interviews with health visitors finished early.", "Start the analysis"),
            (24, GOOD, "Draft nearly ready; talked through the findings.", "Submit for review"),
        ],
    },
    "curiosity-not-judgement": {
        "done": 4,
        "check_ins": [
            (70, GOOD, "Recruitment of custody staff went smoothly.", "Finish the interviews"),
            (20, GOOD, "Themes emerging well from the interviews.", "Outline the write-up"),
        ],
    },
    "belonging-at-school": {
        "done": 5,
        "notes": {"First draft to mentor": "Sent to Imran a week early."},
        "check_ins": [(15, GOOD, "Draft is strong; tighten the findings.", "Second draft")],
    },
    "rent-arrears-letters": {
        "done": 7,
        "notes": {"Final write-up published": "Published; the housing team uses the new letters."},
        "check_ins": [(30, GOOD, "Finished early. Planning the presentation.", "Slides")],
    },
    "somewhere-to-be": {
        "done": 2,
        "notes": {"Approvals and ethics": "Approved after a second submission."},
        "check_ins": [
            (75, CONCERNS, "Youth centre sessions cancelled twice.", "Find a second venue"),
            (4, STRUGGLING, "Only four young people interviewed so far.", "Meet the team"),
        ],
    },
    "after-the-crisis": {
        "done": 5,
        "check_ins": [(18, GOOD, "Draft with Alison; good feedback.", "Revise the findings")],
    },
    "asking-about-trauma-in-general-practice": {
        "done": 4,
        "check_ins": [(50, GOOD, "Analysis going well.", "Book the next check-in")],
    },
    "trauma-aware-probation-appointments": {
        "done": 1,
        "check_ins": [
            (80, CONCERNS, "Still waiting for research approval.", "Chase the approval"),
            (25, CONCERNS, "Approval still not through.", "Programme team to escalate"),
        ],
    },
    "what-parents-told-us": {
        "done": 3,
        "check_ins": [
            (35, GOOD, "All twelve parents interviewed.", "Code the transcripts"),
            (5, CONCERNS, "Coding is taking longer than planned.", "Share three themes"),
        ],
    },
    "behind-the-front-door": {
        "done": 2,
        "moved": {
            "Data collection finished": 255,
            "Analysis done": 275,
            "First draft to mentor": 300,
        },
        "notes": {"Approvals and ethics": "Joined late; approvals done in one round."},
        "check_ins": [
            (28, CONCERNS, "Fitting fieldwork round shifts is hard.", "Agree a timetable")
        ],
    },
    "telling-it-once": {
        "done": 5,
        "check_ins": [(10, GOOD, "Draft in good shape.", "Plan the presentation")],
    },
    "who-looks-after-the-helpers": {
        "done": 7,
        "notes": {"Final write-up published": "Published, and shared with three services."},
        "check_ins": [(40, GOOD, "All done; very proud of this one.", "Present at the exchange")],
    },
}


def seed_tracking_year(say, today=None):
    """Give the class of 2024 its template, each project its milestones and check-ins, and put
    the demo draft three weeks into its review."""
    today = today or timezone.localdate()
    start = today - timedelta(days=YEAR_STARTED)
    cohort = CohortPage.objects.get(slug=COHORT)
    for name, offset in TEMPLATE:
        MilestoneTemplate.objects.update_or_create(
            cohort=cohort, name=name, defaults={"due_date": start + timedelta(days=offset)}
        )
    MilestoneTemplate.objects.filter(cohort=cohort).exclude(
        name__in=[name for name, _ in TEMPLATE]
    ).delete()
    for slug, plan in PROJECTS.items():
        project = ProjectPage.objects.get(slug=slug)
        _milestones(project, plan, start, today)
        _check_ins(project, plan, today)
    _stuck_in_review(today)
    say(f"Tracker: the class of 2024's year in progress, {len(PROJECTS)} projects.")


def _fellow_user(project):
    fellow = project.fellows.exclude(user=None).first()
    return fellow.user if fellow else None


def _mentor_user(project):
    mentor = project.mentors.exclude(user=None).first()
    return mentor.user if mentor else None


def _milestones(project, plan, start, today):
    moved = plan.get("moved", {})
    notes = plan.get("notes", {})
    done_by = _fellow_user(project)
    for index, (name, offset) in enumerate(TEMPLATE):
        due = start + timedelta(days=moved.get(name, offset))
        done = index < plan["done"]
        # Done a few days before it was due; work done ahead of time was done before the draft
        # went into review, so that this week's digest shows only this week's changes.
        done_on = min(due - timedelta(days=3), today - timedelta(days=22)) if done else None
        Milestone.objects.update_or_create(
            project=project,
            name=name,
            defaults={
                "due_date": due,
                "done_on": done_on,
                "note": notes.get(name, "") if done else "",
                "done_by": done_by if done else None,
            },
        )


def _check_ins(project, plan, today):
    wanted = [
        (today - timedelta(days=days), int(rating), note, step)
        for days, rating, note, step in plan["check_ins"]
    ]
    have = list(
        CheckIn.objects.filter(project=project)
        .order_by("date", "pk")
        .values_list("date", "rating", "note", "next_step")
    )
    if have == sorted(wanted):
        return
    CheckIn.objects.filter(project=project).delete()
    mentor = _mentor_user(project)
    CheckIn.objects.bulk_create(
        CheckIn(
            project=project, date=date, rating=rating, note=note, next_step=step, recorded_by=mentor
        )
        for date, rating, note, step in sorted(wanted)
    )


def _stuck_in_review(today):
    slug, days = STUCK_IN_REVIEW
    project = ProjectPage.objects.get(slug=slug)
    state = project.current_workflow_state
    if state is None:
        return
    since = timezone.now() - timedelta(days=days)
    WorkflowState.objects.filter(pk=state.pk).update(created_at=since)
    if state.current_task_state_id:
        state.current_task_state.__class__.objects.filter(pk=state.current_task_state_id).update(
            started_at=since
        )
