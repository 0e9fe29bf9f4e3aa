"""The daily digest of review emails, for people who chose it in their account settings.

What a person would have been emailed is held as :class:`reviews.models.HeldReviewEmail`;
:func:`send_digests` sends each person one email listing what is held and marks it sent in the
same transaction, so a second run the same day, or a run after a failed send, never repeats an
item nor loses one. Requests for review already dealt with by the time the digest goes are left
out: the reviewer has nothing left to do about them.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.admin.mail import send_mail
from wagtail.models import TaskState

from reviews.models import HeldReviewEmail
from reviews.notifications import REVIEW_REQUESTED, SIGN_OFF_REQUESTED, display_name

logger = logging.getLogger(__name__)

# Kinds that ask the reader to act on a step that may since have been decided by someone else.
ASKS_FOR_A_DECISION = (REVIEW_REQUESTED, SIGN_OFF_REQUESTED)


def still_relevant(item):
    if item.kind not in ASKS_FOR_A_DECISION:
        return True
    return item.task_state is not None and item.task_state.status == TaskState.STATUS_IN_PROGRESS


def send_digest_to(user):
    """Send ``user`` one email of everything held for them; returns how many items it listed."""
    with transaction.atomic():
        held = list(
            HeldReviewEmail.objects.select_for_update(of=("self",))
            .filter(user=user, sent_at__isnull=True)
            .select_related("task_state")
        )
        if not held:
            return 0
        items = [item for item in held if still_relevant(item)]
        if items and (user.email or "").strip():
            context = {"recipient_name": display_name(user), "items": items}
            count = len(items)
            subject = f"Fellowship Hub: {count} review update{'s' if count != 1 else ''} today"
            send_mail(
                subject,
                render_to_string("reviews/notifications/digest.txt", context).strip() + "\n",
                [user.email],
                html_message=render_to_string("reviews/notifications/digest.html", context),
            )
        # A failed send raises before this: everything stays held for the next run.
        HeldReviewEmail.objects.filter(pk__in=[item.pk for item in held]).update(
            sent_at=timezone.now()
        )
        return len(items)


def send_digests():
    """Send every waiting digest; returns (people written to, items listed)."""
    users = get_user_model().objects.filter(
        pk__in=HeldReviewEmail.objects.filter(sent_at__isnull=True).values("user")
    )
    people = listed = 0
    for user in users.order_by("pk"):
        try:
            count = send_digest_to(user)
        except Exception:
            # One unreachable address must not hold back everyone else's digest.
            logger.exception("Could not send the review digest to %s", user.email)
            continue
        if count:
            people += 1
            listed += count
    return people, listed
