"""Admin hooks: deleting cohorts and projects into Deleted items instead of for good."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.log_actions import LogFormatter

from cohorts.models import CohortPage
from core.roles import ProgrammeTeamMenuItem
from projects.models import ProjectPage
from trash import deleted_items
from trash.admin_views import CohortDeleteView, DeletedItemsView, DestroyView, RestoreView
from trash.models import DeletedItemsPage


def _goes_to_deleted_items(page):
    """Cohorts and projects are deleted into Deleted items; other pages are deleted outright."""
    return isinstance(page.specific, CohortPage | ProjectPage) and not deleted_items.is_in_bin(page)


@hooks.register("before_delete_page")
def delete_cohorts_into_deleted_items(request, page):
    # A cohort or project already in Deleted items falls through to Wagtail's own delete:
    # destroying it there is the deliberate second step.
    if _goes_to_deleted_items(page):
        return CohortDeleteView.as_view()(request, page=page.specific)
    if isinstance(page.specific, DeletedItemsPage):
        messages.error(
            request,
            "Deleted items itself cannot be deleted. Delete what is in it one page at a time, "
            "from Deleted items in the menu.",
        )
        return redirect("fellowship_deleted_items")
    return None


@hooks.register("before_bulk_action")
def bulk_delete_cohorts_into_deleted_items(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return None
    cohorts = [page for page in objects if hasattr(page, "path") and _goes_to_deleted_items(page)]
    if not cohorts:
        return None
    for cohort in cohorts:
        deleted_items.soft_delete(cohort, request.user)
    others = [page for page in objects if page not in cohorts]
    for page in others:
        page.delete(user=request.user)
    titles = ", ".join(f"'{cohort.title}'" for cohort in cohorts)
    message = f"{titles} moved to Deleted items."
    if others:
        message += f" {len(others)} other page{'s' if len(others) != 1 else ''} deleted."
    messages.success(request, message)
    return redirect(action_class_instance.next_url or reverse("wagtailadmin_explore_root"))


@hooks.register("register_admin_urls")
def register_deleted_items_urls():
    return [
        path("deleted-items/", DeletedItemsView.as_view(), name="fellowship_deleted_items"),
        path(
            "deleted-items/<int:pk>/restore/",
            RestoreView.as_view(),
            name="fellowship_deleted_items_restore",
        ),
        path(
            "deleted-items/<int:pk>/delete/",
            DestroyView.as_view(),
            name="fellowship_deleted_items_destroy",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_deleted_items_menu_item():
    return ProgrammeTeamMenuItem(
        "Deleted items",
        reverse("fellowship_deleted_items"),
        name="deleted-items",
        icon_name="bin",
        order=10000,
    )


@hooks.register("register_log_actions")
def register_deleted_items_log_actions(actions):
    @actions.register_action(deleted_items.SOFT_DELETE_ACTION)
    class MovedToDeletedItems(LogFormatter):
        """Says where the page was and how many of its pages were live."""

        label = "Delete (to Deleted items)"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            parent = (data.get("parent") or {}).get("title", "its parent")
            live = len(data.get("live_pages", []))
            return (
                f"Moved from '{parent}' to Deleted items with {data.get('pages', 1)} page(s); "
                f"{live} unpublished"
            )

    @actions.register_action(deleted_items.RESTORE_ACTION)
    class RestoredFromDeletedItems(LogFormatter):
        """Says where the page went back to and how many pages were republished."""

        label = "Restore from Deleted items"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            parent = (data.get("parent") or {}).get("title", "its parent")
            return (
                f"Restored under '{parent}'; {len(data.get('republished', []))} page(s) republished"
            )
