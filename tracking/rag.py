"""The one rule that gives each project on the tracker its RAG status (red, amber or green).

The rule is written once, here, as data: the tracker page prints ``RULE``, the README quotes it,
and ``status_of`` applies it, so the three cannot disagree.
"""

from dataclasses import dataclass, field

from django.db import models

# Thresholds in days.
LATE_RED = 14
REVIEW_AMBER = 7
REVIEW_RED = 14
CHECK_IN_AMBER = 42

RULE = [
    (
        "Red",
        f"a milestone is more than {LATE_RED} days overdue, or the draft has been in review for "
        f"more than {REVIEW_RED} days, or the last check-in was rated “Struggling”.",
    ),
    (
        "Amber",
        "otherwise, if a milestone is overdue, or the draft has been in review for more than "
        f"{REVIEW_AMBER} days, or the last check-in was rated “Some concerns”, or there has been "
        f"no check-in for {CHECK_IN_AMBER} days (six weeks) or none at all.",
    ),
    (
        "Green",
        "otherwise: nothing overdue, no long wait in review, and recent check-ins going well.",
    ),
]
RULE_NOTE = (
    "A project with every milestone done, or marked complete with no milestone left open, is green."
)


class RAG(models.TextChoices):
    """The three statuses, worst first: sorting by ``ORDER`` puts red at the top."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


ORDER = {RAG.RED: 0, RAG.AMBER: 1, RAG.GREEN: 2}


@dataclass
class Facts:
    """What the rule reads about one project, as of one day."""

    most_days_overdue: int = 0
    days_in_review: int | None = None
    last_check_in_rating: int | None = None
    days_since_check_in: int | None = None
    finished: bool = False


@dataclass
class Status:
    rag: str
    reasons: list = field(default_factory=list)

    @property
    def label(self):
        return RAG(self.rag).label


def status_of(facts):
    """Apply the rule; the reasons say which parts of it applied, worst first."""
    from tracking.models import Rating

    if facts.finished:
        return Status(RAG.GREEN, ["Finished"])
    red, amber = [], []
    overdue = facts.most_days_overdue
    if overdue > LATE_RED:
        red.append(f"A milestone is {overdue} days overdue")
    elif overdue > 0:
        amber.append(f"A milestone is {overdue} day{'s' if overdue != 1 else ''} overdue")
    review = facts.days_in_review
    if review is not None and review > REVIEW_RED:
        red.append(f"In review for {review} days")
    elif review is not None and review > REVIEW_AMBER:
        amber.append(f"In review for {review} days")
    if facts.last_check_in_rating == Rating.STRUGGLING:
        red.append("Last check-in: struggling")
    elif facts.last_check_in_rating == Rating.SOME_CONCERNS:
        amber.append("Last check-in: some concerns")
    if facts.days_since_check_in is None:
        amber.append("No check-in yet")
    elif facts.days_since_check_in >= CHECK_IN_AMBER:
        amber.append(f"No check-in for {facts.days_since_check_in} days")
    if red:
        return Status(RAG.RED, red + amber)
    if amber:
        return Status(RAG.AMBER, amber)
    return Status(RAG.GREEN, [])
