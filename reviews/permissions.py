"""Who may do what to cohort and project pages, on top of Wagtail's group page permissions.

Group permissions (created by migration) give fellows "add" and "change" on the cohort index so
that Wagtail lets them into the editor at all. The testers below narrow that per page: a fellow adds
projects only under their own cohort, edits only projects they are listed on, and never publishes,
deletes, moves or copies. Mentors have no page permissions; the mentor review task opens the editor
to the project's assigned mentors while it waits for them. The programme team and superusers keep
Wagtail's rules unchanged.
"""

from django.db.models import Q

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

FELLOWS = "Fellows"
MENTORS = "Mentors"
PROGRAMME_TEAM = "Programme team"
ROLE_GROUPS = (FELLOWS, MENTORS, PROGRAMME_TEAM)

_PROGRAMME_TEAM_CACHE = "_fellowship_is_programme_team"
_FELLOW_CACHE = "_fellowship_fellow"
_LISTED_CACHE = "_fellowship_listed_project_ids"
_MENTORED_CACHE = "_fellowship_mentored_project_ids"


def is_programme_team(user):
    """True for superusers and members of the "Programme team" group."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, _PROGRAMME_TEAM_CACHE):
        setattr(user, _PROGRAMME_TEAM_CACHE, user.groups.filter(name=PROGRAMME_TEAM).exists())
    return getattr(user, _PROGRAMME_TEAM_CACHE)


def fellow_for(user):
    """The fellow profile linked to ``user``, or None."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, _FELLOW_CACHE):
        from cohorts.models import Fellow

        setattr(user, _FELLOW_CACHE, Fellow.objects.filter(user=user).first())
    return getattr(user, _FELLOW_CACHE)


def listed_project_ids(user):
    """Ids of the projects whose saved fellows include ``user``'s fellow profile."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, _LISTED_CACHE):
        from projects.models import ProjectPage

        # The saved rows, not a draft revision: a draft cannot grant its author rights.
        ids = ProjectPage.fellows.through.objects.filter(fellow__user=user).values_list(
            "projectpage_id", flat=True
        )
        setattr(user, _LISTED_CACHE, frozenset(ids))
    return getattr(user, _LISTED_CACHE)


def mentored_project_ids(user):
    """Ids of the projects whose saved mentors include ``user``'s mentor profile."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, _MENTORED_CACHE):
        from projects.models import ProjectPage

        ids = ProjectPage.mentors.through.objects.filter(mentor__user=user).values_list(
            "projectpage_id", flat=True
        )
        setattr(user, _MENTORED_CACHE, frozenset(ids))
    return getattr(user, _MENTORED_CACHE)


def forget_cached_roles(user):
    """Drop the per-request role caches on ``user`` (after its fellow or mentor links change)."""
    for name in (_PROGRAMME_TEAM_CACHE, _FELLOW_CACHE, _LISTED_CACHE, _MENTORED_CACHE):
        if hasattr(user, name):
            delattr(user, name)


def without_others_drafts(pages, user):
    """``pages`` less the unpublished projects that ``user`` is not listed on.

    The programme team sees every draft. Anyone else sees drafts of their own projects only, so
    a fellow never learns even the title of a colleague's unpublished work.
    """
    if is_programme_team(user):
        return pages
    from django.contrib.contenttypes.models import ContentType

    from projects.models import ProjectPage

    return pages.exclude(
        Q(live=False)
        & Q(content_type=ContentType.objects.get_for_model(ProjectPage))
        & ~Q(pk__in=listed_project_ids(user))
    )


class FellowshipPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with other fellows' drafts left out of what a fellow can explore.

    The explorer, its search and the admin's page API all list pages through this policy.
    """

    def explorable_instances(self, user):
        return without_others_drafts(super().explorable_instances(user), user)


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


class CohortIndexPagePermissionTester(FellowshipPagePermissionTester):
    """The cohort index: only the programme team adds cohorts or edits the index."""


class CohortPagePermissionTester(FellowshipPagePermissionTester):
    """A cohort: fellows of this cohort may add projects beneath it but never edit the cohort."""

    def can_add_subpage(self):
        if not self.narrowed:
            return super().can_add_subpage()
        fellow = fellow_for(self.user)
        if fellow is None or fellow.cohort_id != self.page.pk:
            return False
        return PagePermissionTester.can_add_subpage(self)


class ProjectPagePermissionTester(FellowshipPagePermissionTester):
    """A project: its listed fellows edit it; its assigned mentors open it while reviewing."""

    def is_listed_fellow(self):
        return self.page.pk in listed_project_ids(self.user)

    def _task_opens_editor(self):
        # How the assigned mentors reach the editor: through the task, not a page permission.
        task = self.page.current_workflow_task
        return bool(task and task.user_can_access_editor(self.page, self.user))

    def can_edit(self):
        if not self.narrowed:
            return super().can_edit()
        if not self.user.is_active or self.page_is_root:
            return False
        if self.is_listed_fellow() and {"add", "change"} & self.permissions:
            return True
        return self._task_opens_editor()

    def can_submit_for_moderation(self):
        if self.narrowed and not self.is_listed_fellow():
            return False
        return super().can_submit_for_moderation()


def page_permissions_for_user(page, user):
    """The permission tester for ``page``: the fellowship's rules for cohort and project pages."""
    from cohorts.models import CohortIndexPage, CohortPage
    from projects.models import ProjectPage

    if isinstance(page, ProjectPage):
        return ProjectPagePermissionTester(user, page)
    if isinstance(page, CohortPage):
        return CohortPagePermissionTester(user, page)
    if isinstance(page, CohortIndexPage):
        return CohortIndexPagePermissionTester(user, page)
    return PagePermissionTester(user, page)
