"""Admin hooks for themes: the audit log entry written when the programme team merges themes."""

from wagtail import hooks
from wagtail.log_actions import LogFormatter

from projects.admin_views import MERGE_ACTION


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
