"""Admin hooks: the "Fellowship" menu, and site history for the programme team only."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cohorts.admin_views import FellowViewSet, MentorViewSet
from cohorts.models import Fellow, Mentor
from core.roles import ProgrammeTeamPermissionPolicy, is_programme_team
from projects.admin_views import THEME_POLICY, ThemeViewSet
from projects.models import Theme


class FellowshipViewSetGroup(SnippetViewSetGroup):
    """One menu for the records the programme team looks after between cohorts."""

    menu_label = "Fellowship"
    menu_icon = "group"
    menu_order = 150
    items = (FellowViewSet, MentorViewSet, ThemeViewSet)


# Before the viewsets are registered, which would give each model Wagtail's default policy.
register_permission_policy(Fellow, ProgrammeTeamPermissionPolicy(Fellow))
register_permission_policy(Mentor, ProgrammeTeamPermissionPolicy(Mentor))
register_permission_policy(Theme, THEME_POLICY)
register_snippet(FellowshipViewSetGroup)


@hooks.register("construct_reports_menu")
def hide_site_history_from_fellows_and_mentors(request, menu_items):
    if not is_programme_team(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
