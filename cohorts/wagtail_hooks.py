"""Admin hooks: who may manage fellows and mentors, and site history for the programme team only.

The "Fellowship" menu that lists them beside themes is registered in ``projects/wagtail_hooks.py``:
it needs the theme viewset, and projects sits above cohorts. Wagtail loads hooks in the order of
``INSTALLED_APPS``, so the policies below are in place before that menu registers the viewsets.
"""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cohorts.models import Fellow, Mentor
from core.roles import ProgrammeTeamPermissionPolicy, is_programme_team

# Before the viewsets are registered, which would give each model Wagtail's default policy.
register_permission_policy(Fellow, ProgrammeTeamPermissionPolicy(Fellow))
register_permission_policy(Mentor, ProgrammeTeamPermissionPolicy(Mentor))


@hooks.register("construct_reports_menu")
def hide_site_history_from_fellows_and_mentors(request, menu_items):
    if not is_programme_team(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
