"""The RAG rule (tracking/rag.py): each threshold, on both sides, and the rule as the page shows it."""

from pathlib import Path

from django.conf import settings

import pytest

from tracking.models import Rating
from tracking.rag import CHECK_IN_AMBER, LATE_RED, RAG, RULE, Facts, status_of

RECENT = {"days_since_check_in": 10, "last_check_in_rating": Rating.GOING_WELL}


def rag(**facts):
    return status_of(Facts(**{**RECENT, **facts})).rag


def test_nothing_overdue_no_wait_and_a_recent_good_check_in_is_green():
    assert rag() == RAG.GREEN


@pytest.mark.parametrize(("days", "expected"), [(1, RAG.AMBER), (14, RAG.AMBER), (15, RAG.RED)])
def test_an_overdue_milestone_is_amber_and_red_after_two_weeks(days, expected):
    assert rag(most_days_overdue=days) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, RAG.GREEN), (7, RAG.GREEN), (8, RAG.AMBER), (14, RAG.AMBER), (15, RAG.RED), (21, RAG.RED)],
)
def test_days_in_review_turn_amber_after_a_week_and_red_after_two(days, expected):
    assert rag(days_in_review=days) == expected


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (Rating.GOING_WELL, RAG.GREEN),
        (Rating.SOME_CONCERNS, RAG.AMBER),
        (Rating.STRUGGLING, RAG.RED),
    ],
)
def test_the_last_check_ins_rating_counts(rating, expected):
    assert rag(last_check_in_rating=rating) == expected


@pytest.mark.parametrize(
    ("days", "expected"), [(41, RAG.GREEN), (42, RAG.AMBER), (None, RAG.AMBER)]
)
def test_six_weeks_without_a_check_in_or_none_at_all_is_amber(days, expected):
    facts = {"days_since_check_in": days}
    if days is None:
        facts["last_check_in_rating"] = None
    assert rag(**facts) == expected


def test_a_finished_project_is_green_whatever_else():
    assert rag(finished=True, days_since_check_in=None, days_in_review=30) == RAG.GREEN


def test_red_gives_every_reason_worst_first():
    status = status_of(Facts(most_days_overdue=20, days_in_review=9, days_since_check_in=None))
    assert status.reasons == [
        "A milestone is 20 days overdue",
        "In review for 9 days",
        "No check-in yet",
    ]


def test_the_written_rule_names_the_thresholds_the_code_applies():
    text = " ".join(f"{name}: {words}" for name, words in RULE)
    assert "more than 14 days overdue" in text
    assert "in review for more than 14 days" in text
    assert "more than 7 days" in text
    assert "42 days" in text


def test_the_readme_states_the_same_rule():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    section = readme.split("## Tracking the fellowship year")[1].split("\n## ")[0]
    for phrase in (
        "more than 14 days overdue",
        "in review for more\n  than 14 days",
        "in review for more than\n  7 days",
        "no check-in for 42 days",
        '"Struggling"',
        '"Some concerns"',
    ):
        assert phrase in section, phrase
    assert f"{LATE_RED} days" in RULE[0][1] and f"{CHECK_IN_AMBER} days" in RULE[1][1]
