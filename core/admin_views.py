"""Admin pieces shared by the apps whose records are the programme team's (see ``core.roles``)."""

from wagtail.snippets.views.chooser import SnippetChooserViewSet

from core.roles import ProgrammeTeamOnlyMixin


def _for_the_team(view_class):
    return type(f"ProgrammeTeam{view_class.__name__}", (ProgrammeTeamOnlyMixin, view_class), {})


class ProgrammeTeamChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser that only the programme team opens.

    Wagtail's chooser lists every record to anyone in the admin (it checks permissions only to
    create one), which would show fellows the mentors' list or the public's unmoderated reports.
    """

    choose_view_class = _for_the_team(SnippetChooserViewSet.choose_view_class)
    choose_results_view_class = _for_the_team(SnippetChooserViewSet.choose_results_view_class)
    chosen_view_class = _for_the_team(SnippetChooserViewSet.chosen_view_class)
    chosen_multiple_view_class = _for_the_team(SnippetChooserViewSet.chosen_multiple_view_class)
    create_view_class = _for_the_team(SnippetChooserViewSet.create_view_class)
