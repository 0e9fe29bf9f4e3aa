"""Who may do what to a project page (its ``permissions_for_user``), and whose projects are whose."""

from django.apps import apps

from core.page_permissions import FellowshipPagePermissionTester

_LISTED_CACHE = "_fellowship_listed_project_ids"
_MENTORED_CACHE = "_fellowship_mentored_project_ids"


def _project_links(relation, **lookups):
    through = getattr(apps.get_model("projects", "ProjectPage"), relation).through
    return through.objects.filter(**lookups).values_list("projectpage_id", flat=True)


def listed_project_ids(user):
    """Ids of the projects whose saved fellows include ``user``'s fellow profile."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, _LISTED_CACHE):
        # The saved rows, not a draft revision: a draft cannot grant its author rights.
        setattr(user, _LISTED_CACHE, frozenset(_project_links("fellows", fellow__user=user)))
    return getattr(user, _LISTED_CACHE)


def mentored_project_ids(user):
    """Ids of the projects whose saved mentors include ``user``'s mentor profile."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, _MENTORED_CACHE):
        setattr(user, _MENTORED_CACHE, frozenset(_project_links("mentors", mentor__user=user)))
    return getattr(user, _MENTORED_CACHE)


def own_project_ids(user):
    """The projects whose unpublished work ``user`` may read: those they write or review."""
    return listed_project_ids(user) | mentored_project_ids(user)


class ProjectPagePermissionTester(FellowshipPagePermissionTester):
    """A project: its listed fellows edit it; its assigned mentors open it while reviewing."""

    def is_listed_fellow(self):
        return self.page.pk in listed_project_ids(self.user)

    def can_see_unpublished(self):
        return not self.narrowed or self.page.pk in own_project_ids(self.user)

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
