"""Emails sent as a project moves through review, each with one link to act on.

Each names the project, what happened, who did it and the reason if one was given, and carries
one link: to the review page for reviewers, to the editor for fellows asked for changes, to the
live page once published. Each has a plain-text and an HTML part.

Who hears what:
- submitted (or resubmitted) to mentor review: the project's assigned mentors;
- mentor review approved, so waiting for sign-off: the programme team;
- changes requested, at either step: the project's fellows and whoever submitted it, with the reason;
- signed off and published: the project's fellows and whoever submitted it.

The person who acted is never emailed about their own action, and everyone may switch a kind of
email off in their Wagtail account settings ("submitted", "approved", "rejected" notifications).
Whoever chose the daily digest there (``ReviewEmailSettings``) has the email held instead, and
``manage.py send_review_digest`` sends what is held once a day (``reviews/digest.py``).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.admin.mail import send_mail
from wagtail.models import AbstractGroupApprovalTask, TaskState
from wagtail.users.models import UserProfile

from projects.models import ProjectPage
from reviews.models import HeldReviewEmail, MentorReviewTask, wants_daily_digest

logger = logging.getLogger(__name__)

REVIEW_REQUESTED = "review_requested"
SIGN_OFF_REQUESTED = "sign_off_requested"
CHANGES_REQUESTED = "changes_requested"
APPROVED = "approved"

# Which Wagtail account preference switches each kind of email off.
PREFERENCE = {
    REVIEW_REQUESTED: "submitted_notifications",
    SIGN_OFF_REQUESTED: "submitted_notifications",
    CHANGES_REQUESTED: "rejected_notifications",
    APPROVED: "approved_notifications",
}


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def display_name(user):
    """How a person is named in an email: their fellow or mentor profile name if they have one."""
    if user is None:
        return "Someone"
    for profile in ("fellow_profile", "mentor_profile"):
        try:
            return getattr(user, profile).name
        except ObjectDoesNotExist:
            continue
    return user.get_full_name() or user.get_username()


def fellow_users(page):
    """The active accounts of the fellows saved on ``page``; none for pages without fellows."""
    users = get_user_model().objects.filter(is_active=True)
    if not isinstance(page, ProjectPage):
        return users.none()
    return users.filter(fellow_profile__projects__pk=page.pk)


def project_fellow_names(page):
    return [fellow.name for fellow in page.fellows.all()] if isinstance(page, ProjectPage) else []


def recipients_for(kind, task_state, acting_user):
    """The users to email about ``task_state`` for ``kind``, without the person who acted."""
    page = task_state.workflow_state.content_object.specific
    task = task_state.task.specific
    users = get_user_model().objects.none()
    if kind == REVIEW_REQUESTED and isinstance(task, MentorReviewTask):
        users = task.reviewers(page)
    elif kind == SIGN_OFF_REQUESTED and isinstance(task, AbstractGroupApprovalTask):
        users = get_user_model().objects.filter(is_active=True, groups__in=task.groups.all())
    elif kind in (CHANGES_REQUESTED, APPROVED):
        users = fellow_users(page)
        requested_by = task_state.workflow_state.requested_by
        if requested_by is not None and requested_by.is_active:
            users = users | get_user_model().objects.filter(pk=requested_by.pk)
    if acting_user is not None:
        users = users.exclude(pk=acting_user.pk)

    preference = PREFERENCE[kind]
    chosen, seen = [], set()
    for user in users.distinct().order_by("pk"):
        address = (user.email or "").strip().lower()
        if not address or address in seen:
            continue
        if not getattr(UserProfile.get_for_user(user), preference):
            continue
        seen.add(address)
        chosen.append(user)
    return chosen


def summary_for(kind, context):
    """One sentence saying what happened and who did it, for the email and the digest."""
    title, acting = context["title"], context["acting_name"]
    if kind == REVIEW_REQUESTED:
        return f"{acting} submitted “{title}” for {context['task'].name.lower()}."
    if kind == SIGN_OFF_REQUESTED:
        if context.get("mentor_approval") is not None:
            return (
                f"{context['mentor_name']} approved “{title}”, which now waits for "
                f"{context['task'].name.lower()}."
            )
        return f"“{title}” waits for {context['task'].name.lower()}."
    if kind == CHANGES_REQUESTED:
        return f"{acting} asked for changes to “{title}” at {context['task'].name.lower()}."
    if context["page"].live:
        return f"{acting} signed off “{title}” and it is published."
    return f"{acting} signed off “{title}”; it will be published at its scheduled time."


def link_for(kind, context):
    """The one link of each email, and what it says."""
    if kind in (REVIEW_REQUESTED, SIGN_OFF_REQUESTED):
        return context["review_url"], "Review the project"
    if kind == APPROVED and context.get("public_url") and context["page"].live:
        return context["public_url"], "Read it on the public site"
    return context["edit_url"], "Open the project in the editor"


def context_for(kind, task_state, acting_user):
    """What the email templates for ``kind`` need to know about the page and the step."""
    page = task_state.workflow_state.content_object.specific
    context = {
        "kind": kind,
        "page": page,
        "title": page.get_admin_display_title(),
        "task": task_state.task.specific,
        "task_state": task_state,
        "workflow": task_state.workflow_state.workflow,
        "acting_name": display_name(acting_user),
        "reason": task_state.comment.strip(),
        "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "review_url": absolute_url(reverse("review", args=[page.pk])),
        "fellow_names": project_fellow_names(page),
    }
    if kind == APPROVED:
        public_path = page.get_url()
        context["public_url"] = absolute_url(public_path) if public_path else ""
    if kind == SIGN_OFF_REQUESTED:
        # The mentor's approval that moved the project on, for the programme team to read.
        context["mentor_approval"] = (
            TaskState.objects.filter(
                workflow_state=task_state.workflow_state, status=TaskState.STATUS_APPROVED
            )
            .exclude(pk=task_state.pk)
            .select_related("finished_by", "task")
            .order_by("-finished_at", "-pk")
            .first()
        )
        if context["mentor_approval"] is not None:
            context["mentor_name"] = display_name(context["mentor_approval"].finished_by)
            context["reason"] = context["mentor_approval"].comment.strip()
    context["summary"] = summary_for(kind, context)
    context["link_url"], context["link_label"] = link_for(kind, context)
    return context


def hold_for_digest(user, kind, task_state, context):
    HeldReviewEmail.objects.create(
        user=user,
        kind=kind,
        task_state=task_state,
        summary=context["summary"],
        reason=context["reason"],
        link=context["link_url"],
    )


def send_review_email(kind, task_state_id, acting_user_id=None):
    """Email everyone who should hear about this step; returns the addresses written to."""
    task_state = TaskState.objects.select_related(
        "workflow_state__workflow", "workflow_state__requested_by", "task", "finished_by"
    ).get(pk=task_state_id)
    acting_user = (
        get_user_model().objects.filter(pk=acting_user_id).first() if acting_user_id else None
    )
    context = context_for(kind, task_state, acting_user)
    sent = []
    for user in recipients_for(kind, task_state, acting_user):
        if wants_daily_digest(user):
            hold_for_digest(user, kind, task_state, context)
            continue
        context["recipient_name"] = display_name(user)
        subject = render_to_string(f"reviews/notifications/{kind}_subject.txt", context)
        body = render_to_string(f"reviews/notifications/{kind}.txt", context)
        html = render_to_string("reviews/notifications/email.html", context)
        try:
            send_mail(
                " ".join(subject.split()), body.strip() + "\n", [user.email], html_message=html
            )
        except Exception:
            # One unreachable address must not stop the others hearing about the review.
            logger.exception("Could not send the %s email to %s", kind, user.email)
            continue
        sent.append(user.email)
    return sent
