"""Which follow-ups fall due, sending each once, and the signed link a fellow answers through.

A project completes on its end date once its status is "complete"; its fellows are asked at each
interval of ``FOLLOW_UP_MONTHS`` after that. The link carries the follow-up's id signed with the
site's secret and the time it was made, so it cannot be guessed or altered, and stops working
after ``FOLLOW_UP_LINK_DAYS`` days or once the follow-up has been answered.
"""

import calendar
import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.vocabularies import Status
from impact.models import FollowUp

logger = logging.getLogger(__name__)

TOKEN_SALT = "impact.follow-up"
DEFAULT_MONTHS = (6, 12, 24)
DEFAULT_LINK_DAYS = 60


def intervals():
    """The follow-up intervals in months, smallest first (the ``FOLLOW_UP_MONTHS`` setting)."""
    return sorted({int(m) for m in getattr(settings, "FOLLOW_UP_MONTHS", DEFAULT_MONTHS)})


def link_max_age():
    return getattr(settings, "FOLLOW_UP_LINK_DAYS", DEFAULT_LINK_DAYS) * 24 * 60 * 60


def add_months(day, months):
    """``day`` moved on by ``months``, kept within the month (31 January + 1 month = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def completed_projects():
    """Live projects marked complete with an end date: the ones follow-ups are about."""
    from projects.models import ProjectPage

    return (
        ProjectPage.objects.live()
        .filter(status=Status.COMPLETE, end_date__isnull=False)
        .prefetch_related("fellows")
    )


def latest_due_interval(end_date, today):
    """The largest interval already due for a project that ended on ``end_date``, or None.

    Only the latest is asked for: a project that completed three years before follow-ups began
    gets one email about the last interval, not three at once.
    """
    due = [m for m in intervals() if add_months(end_date, m) <= today]
    return due[-1] if due else None


def make_token(follow_up):
    return signing.dumps(follow_up.pk, salt=TOKEN_SALT, compress=True)


def answer_url(follow_up):
    path = reverse("impact_follow_up", args=[make_token(follow_up)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


class LinkExpired(Exception):
    """The link was genuine but is older than ``FOLLOW_UP_LINK_DAYS``."""


def follow_up_for_token(token):
    """The follow-up a link names; ``LinkExpired`` if too old, ``FollowUp.DoesNotExist`` if wrong."""
    try:
        pk = signing.loads(token, salt=TOKEN_SALT, max_age=link_max_age())
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise FollowUp.DoesNotExist from error
    if not isinstance(pk, int):
        raise FollowUp.DoesNotExist
    return FollowUp.objects.select_related("project", "fellow").get(pk=pk)


@dataclass
class SendReport:
    """What one run of ``send_follow_ups`` did."""

    sent: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    skipped_no_email: list = field(default_factory=list)


def new_due_follow_ups(today):
    """The follow-ups now due that do not exist yet, unsaved: one per fellow of each project."""
    existing = set(FollowUp.objects.values_list("project_id", "fellow_id", "months"))
    due = []
    for project in completed_projects():
        months = latest_due_interval(project.end_date, today)
        if months is None:
            continue
        for fellow in project.fellows.all():
            if (project.pk, fellow.pk, months) not in existing:
                due.append(
                    FollowUp(
                        project=project,
                        fellow=fellow,
                        months=months,
                        due_on=add_months(project.end_date, months),
                    )
                )
    return due


def create_due_follow_ups(today):
    """Save the follow-ups now due; one another run saved a moment ago is left to that run."""
    created = []
    for follow_up in new_due_follow_ups(today):
        try:
            with transaction.atomic():
                follow_up.save()
        except IntegrityError:
            continue
        created.append(follow_up)
    return created


def send_due_follow_ups(today=None, dry_run=False):
    """Email every follow-up that is due and has never been sent; each is sent once only."""
    today = today or timezone.localdate()
    report = SendReport()
    if dry_run:
        waiting = new_due_follow_ups(today)
    else:
        create_due_follow_ups(today)
        waiting = []
    # One answered without an email (brought in by an import) has nothing left to ask.
    unsent = FollowUp.objects.filter(
        sent_at__isnull=True, answered_at__isnull=True, due_on__lte=today
    ).select_related("project", "fellow")
    for follow_up in [*unsent, *waiting]:
        if not follow_up.fellow.email:
            report.skipped_no_email.append(follow_up)
            continue
        if dry_run:
            report.sent.append(follow_up)
            continue
        # Claimed before sending, so that two runs at once cannot both send it.
        claimed = FollowUp.objects.filter(pk=follow_up.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            send_follow_up_email(follow_up)
        except Exception:
            logger.exception("Could not send follow-up %s; it will be tried again.", follow_up.pk)
            FollowUp.objects.filter(pk=follow_up.pk).update(sent_at=None)
            report.failed.append(follow_up)
        else:
            report.sent.append(follow_up)
    return report


def send_follow_up_email(follow_up):
    context = {
        "follow_up": follow_up,
        "url": answer_url(follow_up),
        "link_days": link_max_age() // (24 * 60 * 60),
    }
    send_mail(
        subject=f"What has happened since “{follow_up.project.title}”?",
        message=render_to_string("impact/follow_up_email.txt", context),
        from_email=None,
        recipient_list=[follow_up.fellow.email],
    )
