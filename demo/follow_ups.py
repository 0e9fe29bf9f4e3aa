"""The class of 2023's 12-month follow-ups: three reviewed and public, one awaiting review, one unanswered.

Dates follow each project's end date (sent when due, answered some weeks later), so running
``seed_demo`` again on any day writes the same follow-ups. Two figures are published on
"Our impact" so that the public page shows something on first run.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from cohorts.models import Fellow
from impact.follow_ups import add_months
from impact.models import FollowUp, FollowUpStatus, PublishedFigure
from projects.models import ProjectPage

MONTHS = 12
ALL_PUBLIC = {
    "public_practice_change": True,
    "public_policy_change": True,
    "public_training_change": True,
    "public_service_change": True,
    "public_reach": True,
    "public_partners": True,
    "public_evidence_links": True,
}

# (project slug, fellow slug, days after due that the fellow answered or None, status, answer)
FOLLOW_UPS = [
    (
        "trauma-informed-communications",
        "hannah-greenwood",
        19,
        FollowUpStatus.REVIEWED,
        {
            "practice_change": "Clinic staff now phone patients before sending a first appointment "
            "letter when the referral mentions trauma.",
            "policy_change": "The trust's patient letters policy now requires new templates to be "
            "read by two people with lived experience before use.",
            "service_change": "Twelve of the trust's most-sent letters were rewritten; the "
            "community dental service has asked to follow.",
            "people_reached": 18000,
            "reach": "Patients of four community services receive the rewritten letters.",
            "partners": "The trust's patient experience team and Leeds Survivor-Led Crisis "
            "Service.",
            "evidence_links": "https://example.org/letters-policy-2024",
            **ALL_PUBLIC,
        },
    ),
    (
        "can-zero-tolerance-be-trauma-aware",
        "gareth-lloyd",
        33,
        FollowUpStatus.REVIEWED,
        {
            "practice_change": "Two secondary schools replaced exclusion for a first incident with "
            "a restorative conversation.",
            "training_change": "A half-day course on trauma-aware behaviour policies is now part "
            "of the district's induction for heads of year.",
            "partners": "Kirklees Council's inclusion team.",
            "people_reached": 2400,
            "reach": "Pupils in the two schools; heads of year across the district.",
            **ALL_PUBLIC,
            # Kept back at review: the fellow asked that the schools stay unnamed for now.
            "public_partners": False,
        },
    ),
    (
        "can-zero-tolerance-be-trauma-aware",
        "lorna-briggs",
        None,
        FollowUpStatus.AWAITING_ANSWER,
        {},
    ),
    (
        "the-messiness-of-being-humans",
        "claire-sutcliffe",
        12,
        FollowUpStatus.REVIEWED,
        {
            "practice_change": "Supervision for social workers now includes a standing question "
            "about ruptures with families and how they were repaired.",
            "training_change": "The rupture and repair session is part of the newly qualified "
            "social workers' programme in Calderdale.",
            "reach": "Around 60 newly qualified social workers a year.",
            "people_reached": 60,
            **ALL_PUBLIC,
        },
    ),
    (
        "first-hour-in-custody",
        "nasreen-akhtar",
        41,
        FollowUpStatus.AWAITING_REVIEW,
        {
            "practice_change": "Custody sergeants at one suite now explain each step of booking in "
            "before it happens.",
            "policy_change": "A draft change to the custody reception guidance is with the force's "
            "policy board.",
            "partners": "West Yorkshire Police custody and the liaison and diversion service.",
        },
    ),
]

PUBLISHED_FIGURES = ["findings-by-cohort", "outcomes-by-kind"]


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_follow_ups():
    """Write the demo follow-ups as they are above, whatever a previous run or a reviewer left."""
    projects = {p.slug: p for p in ProjectPage.objects.filter(slug__in={f[0] for f in FOLLOW_UPS})}
    fellows = {f.slug: f for f in Fellow.objects.filter(slug__in={f[1] for f in FOLLOW_UPS})}
    written = 0
    for project_slug, fellow_slug, answered_after, status, answer in FOLLOW_UPS:
        project, fellow = projects.get(project_slug), fellows.get(fellow_slug)
        if project is None or fellow is None or project.end_date is None:
            continue
        due = add_months(project.end_date, MONTHS)
        answered_at = _at(due + timedelta(days=answered_after)) if answered_after else None
        reviewed = status == FollowUpStatus.REVIEWED
        values = {field: "" for field in ("practice_change", "policy_change", "training_change")}
        values.update({"service_change": "", "reach": "", "partners": "", "evidence_links": ""})
        values.update({flag: False for flag in ALL_PUBLIC})
        values.update(
            due_on=due,
            sent_at=_at(due, 8),
            status=status,
            people_reached=None,
            answered_at=answered_at,
            reviewed_at=answered_at + timedelta(days=7) if reviewed else None,
        )
        values.update(answer)
        FollowUp.objects.update_or_create(
            project=project, fellow=fellow, months=MONTHS, defaults=values
        )
        written += 1
    for slug in PUBLISHED_FIGURES:
        PublishedFigure.objects.get_or_create(figure=slug)
    seed_citation_downloads()
    return written


# Citation downloads in each of the last six months (oldest first), as (BibTeX, RIS, CSL-JSON) of
# project citations and of finding citations: a few a month, most of them BibTeX.
CITATION_DOWNLOADS = [
    ((3, 1, 0), (1, 0, 0)),
    ((4, 2, 1), (2, 1, 0)),
    ((2, 1, 0), (3, 0, 1)),
    ((6, 2, 1), (2, 2, 0)),
    ((5, 3, 1), (4, 1, 1)),
    ((7, 2, 2), (3, 2, 1)),
]


def seed_citation_downloads(today=None):
    """Counts of citation downloads for the impact page, set to the figures above."""
    from reuse.models import CitationDownloads, CitationFormat, CitedKind

    month = (today or timezone.localdate()).replace(day=1)
    months = []
    for _ in CITATION_DOWNLOADS:
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    for month, by_kind in zip(reversed(months), CITATION_DOWNLOADS, strict=True):
        for cited, counts in zip(CitedKind.values, by_kind, strict=True):
            for citation_format, count in zip(CitationFormat.values, counts, strict=True):
                CitationDownloads.objects.update_or_create(
                    month=month, cited=cited, format=citation_format, defaults={"count": count}
                )
