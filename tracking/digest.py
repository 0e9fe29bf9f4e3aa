"""The programme team's weekly digest: what changed on the trackers since the last one, and what
is overdue. Check-in notes never go in it: only dates and how the check-in went.

``send_digest`` records each project's RAG status when it sends (``DigestSent``), so the next
digest can say which projects moved between red, amber and green.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cohorts.models import CohortPage
from core.pages import in_a_site
from core.roles import PROGRAMME_TEAM
from projects.models import ProjectPage
from tracking.models import CheckIn, DigestSent, Milestone
from tracking.tracker import build_rows, sort_rows

WEEK = timedelta(days=7)


@dataclass
class CohortDigest:
    cohort: object
    tracker_url: str
    rows: list
    changes: list = field(default_factory=list)
    overdue: list = field(default_factory=list)


@dataclass
class Digest:
    since: object
    now: object
    cohorts: list
    statuses: dict

    @property
    def is_empty(self):
        return not any(c.changes or c.overdue for c in self.cohorts)


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def build_digest(now=None):
    """What changed since the last digest (or in the last week, the first time) and what is overdue."""
    now = now or timezone.now()
    last = DigestSent.objects.filter(sent_at__lt=now).order_by("-sent_at").first()
    since = last.sent_at if last else now - WEEK
    before = last.statuses if last else {}
    statuses = {}
    cohorts = []
    for cohort in in_a_site(CohortPage.objects.all()).order_by("-year", "title"):
        projects = ProjectPage.objects.child_of(cohort)
        if not projects.exists():
            continue
        rows = sort_rows(build_rows(projects, now=now), "rag")
        entry = CohortDigest(cohort, absolute_url(reverse("tracker", args=[cohort.pk])), rows)
        titles = {row.pk: row.title for row in rows}
        for row in rows:
            statuses[str(row.pk)] = row.rag.rag
            previous = before.get(str(row.pk))
            if previous and previous != row.rag.rag:
                entry.changes.append(
                    f"{row.title}: {previous.title()} to {row.rag.label}"
                    + (f" ({'; '.join(row.reasons)})" if row.reasons else "")
                )
            if row.overdue:
                names = ", ".join(
                    f"{m.name} (due {m.due_date:%-d %B}, {m.days_overdue(timezone.localdate(now))} days late)"
                    for m in row.overdue
                )
                entry.overdue.append(f"{row.title}: {names}")
        for milestone in Milestone.objects.filter(
            project_id__in=titles, done_on__gte=timezone.localdate(since)
        ).order_by("done_on"):
            entry.changes.append(
                f"{titles[milestone.project_id]}: “{milestone.name}” done on "
                f"{milestone.done_on:%-d %B}"
            )
        # By the day the check-in was held: a mentor may record it some days later.
        for check_in in CheckIn.objects.filter(
            project_id__in=titles, date__gte=timezone.localdate(since)
        ).order_by("date"):
            entry.changes.append(
                f"{titles[check_in.project_id]}: check-in on {check_in.date:%-d %B}, "
                f"{check_in.get_rating_display().lower()}"
            )
        cohorts.append(entry)
    return Digest(since=since, now=now, cohorts=cohorts, statuses=statuses)


def recipients():
    users = get_user_model().objects.filter(is_active=True, groups__name=PROGRAMME_TEAM)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def render(digest):
    subject = f"Fellowship tracker: the week to {timezone.localdate(digest.now):%-d %B %Y}"
    body = render_to_string("tracking/digest.txt", {"digest": digest})
    return subject, body


def send_digest(now=None):
    """Email the digest to the programme team and record what it said; returns how many it went to."""
    digest = build_digest(now)
    to = recipients()
    if to:
        subject, body = render(digest)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    DigestSent.objects.create(sent_at=digest.now, statuses=digest.statuses)
    return len(to)
