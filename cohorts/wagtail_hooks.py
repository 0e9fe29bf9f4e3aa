"""The "Fellowship" admin menu: fellows, mentors and themes, managed by the programme team."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cohorts.admin_views import FellowViewSet, MentorViewSet
from projects.admin_views import ThemeViewSet


class FellowshipViewSetGroup(SnippetViewSetGroup):
    """One menu for the records the programme team looks after between cohorts."""

    menu_label = "Fellowship"
    menu_icon = "group"
    menu_order = 150
    items = (FellowViewSet, MentorViewSet, ThemeViewSet)


register_snippet(FellowshipViewSetGroup)
