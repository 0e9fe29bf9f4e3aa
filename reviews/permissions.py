"""The admin's page permission policy: what each role finds in listings, reports and exports.

Group permissions (created by migration) give fellows "add" and "change" on the cohort index so
that Wagtail lets them into the editor at all. Each page model narrows that per page through its
own tester (``cohorts/permissions.py``, ``projects/permissions.py``): a fellow adds projects only
under their own cohort, edits only projects they are listed on, and never publishes, deletes, moves
or copies; mentors have no page permissions, and the mentor review task opens the editor to the
project's assigned mentors while it waits for them. The programme team and superusers keep
Wagtail's rules unchanged.

:class:`FellowshipPagePermissionPolicy` applies the same rules to the querysets Wagtail builds its
listings from (explorer, admin search, admin API, workflow, locked and aging pages reports), so
an admin view that asks the policy which pages a user may see or change gets the testers' answer.
"""

from django.db.models import Q

from wagtail.models import TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from cohorts.permissions import (
    CohortIndexPagePermissionTester,
    CohortPagePermissionTester,
    fellow_for,
)
from core.page_permissions import FellowshipPagePermissionTester
from core.roles import FELLOWS, MENTORS, PROGRAMME_TEAM, ROLE_GROUPS, is_programme_team
from projects.permissions import (
    ProjectPagePermissionTester,
    listed_project_ids,
    mentored_project_ids,
    own_project_ids,
)
from reviews.models import MentorReviewTask

__all__ = [
    "FELLOWS",
    "MENTORS",
    "PROGRAMME_TEAM",
    "ROLE_GROUPS",
    "CohortIndexPagePermissionTester",
    "CohortPagePermissionTester",
    "FellowshipPagePermissionPolicy",
    "FellowshipPagePermissionTester",
    "ProjectPagePermissionTester",
    "fellow_for",
    "is_programme_team",
    "listed_project_ids",
    "mentored_project_ids",
    "without_others_drafts",
]

# The tester's question for each of the page actions Wagtail's policy answers.
TESTER_CHECKS = {
    "add": "can_add_subpage",
    "change": "can_edit",
    "publish": "can_publish",
    "lock": "can_lock",
    "unlock": "can_unlock",
    "delete": "can_delete",
    "bulk_delete": "can_delete",
}


def without_others_drafts(pages, user):
    """``pages`` less the unpublished pages that ``user`` neither writes nor reviews.

    The programme team sees every draft. Anyone else sees drafts of their own projects only, so
    a fellow never learns even the title of a colleague's unpublished work.
    """
    if is_programme_team(user):
        return pages
    return pages.exclude(Q(live=False) & ~Q(pk__in=own_project_ids(user)))


def pages_in_mentor_review_by(user):
    """Ids of the projects waiting on ``user``'s review: the assigned mentor's editor is open."""
    ids = mentored_project_ids(user)
    if not ids:
        return []
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=MentorReviewTask.objects.all(),
        workflow_state__object_id__in=[str(pk) for pk in ids],
    )
    # Read as numbers here: object_id is text, which PostgreSQL will not compare with page ids.
    return [int(pk) for pk in states.values_list("workflow_state__object_id", flat=True)]


class FellowshipPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, answering for fellows and mentors as their page testers do.

    Registered for ``Page`` in ``ReviewsConfig.ready``; the explorer, the admin search, the admin
    API, the page chooser (through a hook) and the reports all list pages through it.
    """

    def _narrowed(self, user):
        return user.is_active and not is_programme_team(user)

    def explorable_instances(self, user):
        # Exploring follows the group permissions (a colleague's live project is listed, as it
        # is on the public site), less the drafts that are not the user's. Wagtail builds it
        # from instances_user_has_any_permission_for, which answers a narrower question here.
        pages = PagePermissionPolicy(self.model).explorable_instances(user)
        return without_others_drafts(pages, user)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if not self._narrowed(user):
            return pages
        allowed = Q(pk__in=[])
        if "change" in actions:
            allowed |= Q(pk__in=listed_project_ids(user))
        if "add" in actions:
            fellow = fellow_for(user)
            if fellow is not None:
                allowed |= Q(pk=fellow.cohort_id)
        pages = pages.filter(allowed)
        if "change" in actions:
            reviewing = self.model._default_manager.filter(pk__in=pages_in_mentor_review_by(user))
            pages = pages | reviewing
        return pages

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self._narrowed(user):
            return super().user_has_any_permission_for_instance(user, actions, instance)
        tester = instance.permissions_for_user(user)
        checks = {TESTER_CHECKS[action] for action in actions if action in TESTER_CHECKS}
        return any(getattr(tester, check)() for check in checks)
