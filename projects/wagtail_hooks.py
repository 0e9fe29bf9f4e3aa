"""Admin hooks for themes: the "Fellowship" menu, merging from the listing, and the audit log
entry a merge writes."""

from urllib.parse import urlencode

from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cohorts.admin_views import FellowViewSet, MentorViewSet
from projects import editor_hooks  # noqa: F401  (registers the writing-help hooks)
from projects.admin_views import MERGE_ACTION, THEME_POLICY, ThemeViewSet, can_merge_themes
from projects.models import Theme
from projects.theme_merges import UNDO_ACTION as THEME_MERGE_UNDO_ACTION


class FellowshipViewSetGroup(SnippetViewSetGroup):
    """One menu for the records the programme team looks after between cohorts."""

    menu_label = "Fellowship"
    menu_icon = "group"
    menu_order = 150
    items = (FellowViewSet, MentorViewSet, ThemeViewSet)


# Before the viewsets are registered, which would give each model Wagtail's default policy; the
# policies of fellows and mentors are registered by cohorts/wagtail_hooks.py, loaded before this.
register_permission_policy(Theme, THEME_POLICY)
register_snippet(FellowshipViewSetGroup)


@hooks.register("register_bulk_action")
class MergeThemesBulkAction(SnippetBulkAction):
    """Ticking themes in the listing and choosing "Merge" opens the merge form with them chosen."""

    display_name = "Merge"
    action_type = "merge"
    aria_label = "Merge the selected themes into another theme"
    action_priority = 20
    models = [Theme]

    def dispatch(self, request, *args, **kwargs):
        if not can_merge_themes(request.user):
            return HttpResponseForbidden("Only the programme team can merge themes.")
        ids = [value for value in request.GET.getlist("id") if value.isdigit()]
        query = urlencode([("theme", pk) for pk in ids])
        return redirect(f"{reverse('wagtailsnippets_projects_theme:merge')}?{query}")


@hooks.register("register_log_actions")
def register_theme_log_actions(actions):
    @actions.register_action(MERGE_ACTION)
    class ThemeMerged(LogFormatter):
        """Names the merged themes and how much moved, since the merged themes no longer exist."""

        label = "Merge themes"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            merged = ", ".join(f"'{name}'" for name in data.get("merged", []))
            return (
                f"Merged {merged} into '{data.get('target', log_entry.label)}' "
                f"({data.get('projects', 0)} projects, {data.get('findings', 0)} findings moved)"
            )

    @actions.register_action(THEME_MERGE_UNDO_ACTION)
    class ThemeMergeUndone(LogFormatter):
        """Names the themes an undone merge brought back."""

        label = "Undo theme merge"

        def format_message(self, log_entry):
            restored = ", ".join(f"'{name}'" for name in (log_entry.data or {}).get("restored", []))
            return f"Undid a merge: {restored} restored"
