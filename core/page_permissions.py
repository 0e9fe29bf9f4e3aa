"""What the admin lets each role do with a page, and which title it shows them.

Each page model supplies its own permission tester through Wagtail's ``permissions_for_user``
(``cohorts/permissions.py``, ``projects/permissions.py``); they all build on
:class:`FellowshipPagePermissionTester`, which keeps the structural actions for the programme team.
:func:`reviewed_admin_title` makes every admin view show a page's unpublished title only to those
the page's tester lets see unpublished work.
"""

from contextlib import contextmanager

from wagtail.models import PagePermissionTester

from asgiref.local import Local

from core.roles import is_programme_team

UNSEEN_DRAFT_TITLE = "Unpublished page"


class FellowshipPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with the structural actions reserved for the programme team.

    ``narrowed`` is true for every signed-in user outside the programme team: fellows, mentors and
    anyone given page permissions by another route. Denying by default keeps a misconfigured group
    from quietly handing out publish or delete rights.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.narrowed = user.is_active and not is_programme_team(user)
        if not hasattr(self, "permissions"):
            self.permissions = set()

    def can_see_unpublished(self):
        """Whether the user may read the page's drafts: its unpublished title, its revisions."""
        return not self.narrowed

    def can_delete(self, ignore_bulk=False):
        return False if self.narrowed else super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return False if self.narrowed else super().can_move()

    def can_copy(self):
        return False if self.narrowed else super().can_copy()

    def can_publish(self):
        return False if self.narrowed else super().can_publish()

    def can_unpublish(self):
        return False if self.narrowed else super().can_unpublish()

    def can_publish_subpage(self):
        return False if self.narrowed else super().can_publish_subpage()

    def can_reorder_children(self):
        return False if self.narrowed else super().can_reorder_children()

    def can_set_view_restrictions(self):
        return False if self.narrowed else super().can_set_view_restrictions()

    def can_unschedule(self):
        return False if self.narrowed else super().can_unschedule()

    def can_lock(self):
        return False if self.narrowed else super().can_lock()

    def can_unlock(self):
        if self.narrowed:
            # Someone who somehow holds a lock can always release it.
            return self.user_has_lock()
        return super().can_unlock()

    def can_view_revisions(self):
        return self.can_edit() if self.narrowed else super().can_view_revisions()

    def can_edit(self):
        return False if self.narrowed else super().can_edit()

    def can_add_subpage(self):
        return False if self.narrowed else super().can_add_subpage()

    def can_submit_for_moderation(self):
        if self.narrowed and not self.can_edit():
            return False
        return super().can_submit_for_moderation()


_viewer = Local()


@contextmanager
def viewing_as(user):
    """Mark ``user`` as the person an admin view (and its rendering) answers, for the titles."""
    previous = getattr(_viewer, "user", None)
    _viewer.user = user
    try:
        yield
    finally:
        _viewer.user = previous


def admin_viewer():
    """The user the current admin view answers (see ``reviews.admin_views``), or None."""
    return getattr(_viewer, "user", None)


def may_see_unpublished(user, page):
    """Whether ``user`` may read ``page``'s unpublished work, as the page's tester says.

    A tester without an opinion (Wagtail's own, for the root) lets those who may edit see it.
    """
    tester = page.permissions_for_user(user)
    return getattr(tester, "can_see_unpublished", tester.can_edit)()


def reviewed_admin_title(get_admin_display_title):
    """Wrap ``Page.get_admin_display_title`` so that it keeps unpublished work to its people.

    Wagtail shows a page's latest draft title (``draft_title``) in the explorer, the chooser, the
    admin search, breadcrumbs, reports and their exports and the admin API, often from plain
    ``Page`` objects rather than the page's own class. Someone the page's tester does not let see
    unpublished work gets the live title instead, or a neutral label for a page never published.
    Outside an admin request the title is Wagtail's own.
    """

    def admin_display_title(page):
        title = get_admin_display_title(page)
        viewer = admin_viewer()
        if viewer is None or not viewer.is_authenticated:
            return title
        if (page.live and title == page.title) or is_programme_team(viewer):
            return title
        if may_see_unpublished(viewer, page):
            return title
        return page.title if page.live else UNSEEN_DRAFT_TITLE

    admin_display_title.reviewed = True
    return admin_display_title
