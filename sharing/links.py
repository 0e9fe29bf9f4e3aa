"""Making, finding and withdrawing share links, and who may do which.

The fellows listed on a project and the programme team make and withdraw links; the project's
assigned mentors see them and the comments they bring. Everyone else is told the page does not
exist, so that a link's existence is no clue to someone else's draft.
"""

import hashlib
import secrets
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page

from cohorts.permissions import fellow_for
from core.roles import is_programme_team
from projects.permissions import listed_project_ids, mentored_project_ids
from sharing.models import ShareLink

DEFAULT_DAYS = 14
MAX_DAYS = 60

# Wagtail's audit log actions (registered in wagtail_hooks.py).
CREATED = "sharing.link_created"
REVOKED = "sharing.link_revoked"
VIEWED = "sharing.link_viewed"
COMMENTED = "sharing.comment_added"


def hash_token(token):
    # The secret is 256 random bits, so a plain hash cannot be reversed by guessing.
    return hashlib.sha256(token.encode()).hexdigest()


def max_days():
    return getattr(settings, "SHARE_LINK_MAX_DAYS", MAX_DAYS)


def may_manage(user, page):
    """Whether ``user`` may make and withdraw links to ``page``: its fellows and the programme team."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return is_programme_team(user) or page.pk in listed_project_ids(user)


def may_see(user, page):
    """Whether ``user`` may see ``page``'s links and their comments: also its assigned mentors."""
    if may_manage(user, page):
        return True
    return bool(user and user.is_authenticated and user.is_active) and (
        page.pk in mentored_project_ids(user)
    )


def is_shareable(page):
    """Only projects are shared: the rules of who may share follow a project's fellows."""
    return isinstance(page, apps.get_model("projects", "ProjectPage"))


def shareable_page(page_id):
    """The project with this id, or a 404 for anything that is not a project."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not is_shareable(page):
        raise Http404("Only projects can be shared for review.")
    return page


def page_for(user, page_id, manage=False):
    """The project, if ``user`` may see (or, with ``manage``, make) its links; else a 404."""
    page = shareable_page(page_id)
    allowed = may_manage(user, page) if manage else may_see(user, page)
    if not allowed:
        raise Http404("No project with that number.")
    return page


def link_for(user, link_id):
    """A link ``user`` may withdraw, or a 404."""
    link = get_object_or_404(ShareLink.objects.select_related("page"), pk=link_id)
    page_for(user, link.page_id, manage=True)
    return link


def create(page, user, days, label=""):
    """Make a link to ``page``'s latest revision; returns the link and its secret token.

    The token is never stored, only its hash: the caller shows it once.
    """
    revision = page.latest_revision
    if revision is None:
        revision = page.save_revision(user=user, log_action=True)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    link = ShareLink.objects.create(
        page=page,
        revision=revision,
        revision_saved_at=revision.created_at,
        token_hash=hash_token(token),
        label=label,
        created_by=user,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    log(
        instance=page,
        action=CREATED,
        user=user,
        data={"link": link.pk, "label": label, "revision": revision.pk, "days": days},
    )
    return link, token


def revoke(link, user):
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = user
        link.save(update_fields=["revoked_at", "revoked_by"])
        log(
            instance=link.page.specific,
            action=REVOKED,
            user=user,
            data={"link": link.pk, "label": link.label},
        )


def find(token):
    """The link a token opens, working or not; None for a token that was never issued."""
    if not token or len(token) > 100:
        return None
    return (
        ShareLink.objects.select_related("page", "revision", "created_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def links_of(page):
    """A page's links that still work, newest first, with their comments."""
    links = (
        ShareLink.objects.filter(page=page)
        .unrevoked()
        .select_related("page", "revision", "created_by")
    )
    return [link for link in links if link.works]


def comments_of(page):
    """Every comment that came through any of ``page``'s links, oldest first."""
    from sharing.models import ShareComment

    return ShareComment.objects.filter(link__page=page).select_related("link", "link__revision")


def sharer_name(user):
    """The name a reviewer is told to ask, never an address: usernames are often emails."""
    if user is None:
        return ""
    fellow = fellow_for(user)
    if fellow is not None and fellow.name:
        return fellow.name
    return user.get_full_name()
