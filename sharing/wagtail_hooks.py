"""The sharing pages in the admin, and the audit log's words for what happens to a shared draft."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from sharing import admin_views, links


@hooks.register("register_admin_urls")
def register_sharing_urls():
    return admin_views.urlpatterns


@hooks.register("insert_global_admin_css")
def sharing_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("sharing/admin.css"))


@hooks.register("register_page_header_buttons")
def share_for_review_button(page, user, view_name, next_url=None):
    """ "Share for review" in the editor's "..." menu, for those who may make links."""
    specific = page.specific_deferred
    if links.is_shareable(specific) and links.may_manage(user, specific):
        yield Button(
            "Share for review",
            reverse("sharing_manage", args=[page.pk]),
            icon_name="link",
            priority=70,
        )


def _which(log_entry):
    label = (log_entry.data or {}).get("label")
    return f"the link for “{label}”" if label else "a shared link"


@hooks.register("register_log_actions")
def register_sharing_log_actions(actions):
    @actions.register_action(links.CREATED)
    class Created(LogFormatter):
        label = "Share for review"

        def format_message(self, log_entry):
            days = (log_entry.data or {}).get("days")
            return f"Shared for review: made {_which(log_entry)}, for {days} days"

    @actions.register_action(links.REVOKED)
    class Revoked(LogFormatter):
        label = "Close shared link"

        def format_message(self, log_entry):
            return f"Closed {_which(log_entry)}"

    @actions.register_action(links.VIEWED)
    class Viewed(LogFormatter):
        label = "Shared draft viewed"

        def format_message(self, log_entry):
            return f"Draft viewed through {_which(log_entry)}"

    @actions.register_action(links.COMMENTED)
    class Commented(LogFormatter):
        label = "Comment through shared link"

        def format_message(self, log_entry):
            name = (log_entry.data or {}).get("name") or "a reviewer who gave no name"
            return f"Comment from {name} through {_which(log_entry)}"
