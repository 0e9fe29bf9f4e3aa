"""Admin hooks: the "Fellowship" menu, and site history for the programme team only."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cohorts.admin_views import FellowViewSet, MentorViewSet
from projects.admin_views import ThemeViewSet
from reviews.permissions import is_programme_team


class FellowshipViewSetGroup(SnippetViewSetGroup):
    """One menu for the records the programme team looks after between cohorts."""

    menu_label = "Fellowship"
    menu_icon = "group"
    menu_order = 150
    items = (FellowViewSet, MentorViewSet, ThemeViewSet)


register_snippet(FellowshipViewSetGroup)


@hooks.register("construct_reports_menu")
def hide_site_history_from_fellows_and_mentors(request, menu_items):
    if not is_programme_team(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
