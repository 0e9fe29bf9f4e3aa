"""Deleting a cohort or project without losing it: the page and everything under it go to Deleted
items.

Wagtail has no recycle bin and a real delete takes a cohort's projects, findings and revisions
with it. So deleting a cohort unpublishes its subtree, remembers which pages were live and where
the cohort stood, and moves it under the ``DeletedItemsPage``. Reviews in progress on any of
its pages are cancelled, so that no one approves (and so publishes) a deleted page. Restoring
moves it back and republishes what was live; only a second, explicit action destroys it for good.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page, Revision, WorkflowState
from wagtail.signals import page_published

from trash.models import DeletedItemsPage, DeletedPage

SOFT_DELETE_ACTION = "fellowship.soft_delete"
RESTORE_ACTION = "fellowship.restore"


class RestoreError(Exception):
    """A restore that cannot go ahead; the message says why, in plain words."""


def is_in_bin(page):
    holding = DeletedItemsPage.objects.first()
    return holding is not None and page.path.startswith(holding.path) and page.pk != holding.pk


def counts(page):
    """How many pages the subtree holds and how many of them are live."""
    subtree = Page.objects.descendant_of(page, inclusive=True)
    return {"pages": subtree.count(), "live": subtree.live().count()}


@transaction.atomic
def soft_delete(page, user):
    """Unpublish ``page`` and its descendants and move them to Deleted items."""
    page = page.specific
    live = list(Page.objects.descendant_of(page, inclusive=True).live().specific())
    live_revisions = {str(p.pk): p.live_revision_id for p in live}
    parent = page.get_parent()
    next_sibling = page.get_next_sibling()
    cancelled_reviews = cancel_reviews(page, user)
    # Deepest first, so that no page is briefly live beneath an unpublished parent.
    for live_page in sorted(live, key=lambda p: p.depth, reverse=True):
        UnpublishPageAction(live_page, user=user).execute(skip_permission_checks=True)
    holding = DeletedItemsPage.get_or_create()
    original_slug = page.slug
    page.refresh_from_db()
    if holding.get_children().filter(slug=page.slug).exists():
        # An earlier cohort of the same address is already waiting here.
        Page.objects.filter(pk=page.pk).update(slug=f"{page.slug}-{page.pk}")
        page.refresh_from_db()
    move(page, holding, "last-child", user)
    DeletedPage.objects.update_or_create(
        page=page,
        defaults={
            "original_parent": parent,
            "original_slug": original_slug,
            "next_sibling": next_sibling,
            "live_revisions": live_revisions,
            "deleted_by": user,
        },
    )
    log(
        instance=page,
        action=SOFT_DELETE_ACTION,
        user=user,
        data={
            "parent": {"id": parent.pk, "title": parent.title},
            "pages": Page.objects.descendant_of(page, inclusive=True).count(),
            "live_pages": sorted(int(pk) for pk in live_revisions),
            "cancelled_reviews": cancelled_reviews,
        },
    )
    return page


def cancel_reviews(page, user):
    """Cancel the reviews in progress on ``page`` and its descendants; their page ids.

    Approving the last task of a review publishes the page, wherever it is. Each cancellation
    is in the audit log as Wagtail's own "workflow cancelled"; after a restore, the fellow
    submits the page again.
    """
    ids = [
        str(pk)
        for pk in Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    ]
    states = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=ids
    )
    cancelled = []
    for state in states.order_by("object_id"):
        state.cancel(user=user)
        cancelled.append(int(state.object_id))
    return sorted(cancelled)


def check_restore(deletion):
    """Raise ``RestoreError`` when the page has nowhere to go back to."""
    page = deletion.page
    parent = deletion.original_parent
    if parent is None or is_in_bin(parent):
        raise RestoreError(
            f"'{page.title}' cannot be restored: the page it was under no longer exists."
        )
    slug = deletion.original_slug or page.slug
    clash = parent.get_children().filter(slug=slug).exclude(pk=page.pk).first()
    if clash is not None:
        raise RestoreError(
            f"'{page.title}' cannot be restored: '{clash.title}' now uses its web address "
            f"('{slug}') under '{parent.title}'. Change that page's slug first."
        )


@transaction.atomic
def restore(deletion, user):
    """Move a deleted page back where it was and republish the pages that were live."""
    check_restore(deletion)
    page = deletion.page.specific
    if deletion.original_slug and page.slug != deletion.original_slug:
        Page.objects.filter(pk=page.pk).update(slug=deletion.original_slug)
        page.refresh_from_db()
    sibling = deletion.next_sibling
    if sibling is not None and sibling.get_parent().pk == deletion.original_parent_id:
        move(page, sibling, "left", user)
    else:
        move(page, deletion.original_parent, "last-child", user)
    page.refresh_from_db()

    republished = []
    # Parents first, so that a page never goes live beneath an unpublished one.
    pages = Page.objects.descendant_of(page, inclusive=True).order_by("path").specific()
    for restored in pages:
        # A page made live without a revision (by an import, say) is recorded with None.
        if str(restored.pk) not in deletion.live_revisions:
            continue
        republish(restored, deletion.live_revisions[str(restored.pk)], user)
        republished.append(restored.pk)

    log(
        instance=page,
        action=RESTORE_ACTION,
        user=user,
        data={
            "parent": {"id": deletion.original_parent_id, "title": deletion.original_parent.title},
            "republished": republished,
        },
    )
    deletion.delete()
    return page


def move(page, target, pos, user):
    # Deleted items takes no pages through the admin's own move, so the check is skipped here;
    # who may delete or restore is decided before this point.
    MovePageAction(page, target, pos=pos, user=user).execute(skip_permission_checks=True)


def republish(page, revision_id, user):
    """Make ``page`` live again with the content it had when it was deleted.

    Unpublishing left the page's own fields as they were published, so putting it live again
    needs no revision to be published: publishing one would also cancel a review in progress.
    """
    revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
    page.live = True
    page.expired = False
    page.live_revision = revision
    page.has_unpublished_changes = page.latest_revision_id not in (None, revision_id)
    page.save(
        clean=False,
        update_fields=["live", "expired", "live_revision", "has_unpublished_changes"],
    )
    # The search index and feeds follow publishing through this signal.
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    log(instance=page, action="wagtail.publish", user=user, revision=revision)


@transaction.atomic
def destroy(deletion, user):
    """Delete a page in Deleted items for good, with everything beneath it."""
    # Deleted items lies outside the tree the programme team holds page permissions on.
    DeletePageAction(deletion.page.specific, user=user).execute(skip_permission_checks=True)
