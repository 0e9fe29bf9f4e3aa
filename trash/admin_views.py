"""The programme team's screens for Deleted items: confirm a delete, list, restore, destroy."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.roles import ProgrammeTeamOnlyMixin
from trash import deleted_items
from trash.models import DeletedPage


class CohortDeleteView(WagtailAdminTemplateMixin, TemplateView):
    """Wagtail's "Delete" on a cohort or project: confirm, then move it to Deleted items."""

    template_name = "trash/admin/cohort_delete.html"
    header_icon = "bin"

    def dispatch(self, request, *args, page, **kwargs):
        self.page = page
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Delete {self.page.get_admin_display_title()}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            counts=deleted_items.counts(self.page),
            kind=self.page._meta.verbose_name,
            projects=self.page.get_children().count(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        parent_id = self.page.get_parent().pk
        deleted_items.soft_delete(self.page, request.user)
        messages.success(
            request,
            f"'{self.page.get_admin_display_title()}' moved to Deleted items. "
            "The programme team can restore it from there.",
        )
        return redirect("wagtailadmin_explore", parent_id)


class DeletedItemsView(ProgrammeTeamOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """What has been deleted, by whom and when, with a way to restore or destroy each."""

    template_name = "trash/admin/deleted_items.html"
    page_title = "Deleted items"
    header_icon = "bin"

    def get_context_data(self, **kwargs):
        deletions = DeletedPage.objects.select_related(
            "page", "original_parent", "deleted_by"
        ).order_by("-deleted_at")
        for deletion in deletions:
            deletion.counts = deleted_items.counts(deletion.page)
        return super().get_context_data(deletions=deletions, **kwargs)


class DeletionActionView(ProgrammeTeamOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """A confirmation screen (GET) and the action it confirms (POST) for one deleted page."""

    header_icon = "bin"

    def dispatch(self, request, *args, pk, **kwargs):
        self.deletion = get_object_or_404(
            DeletedPage.objects.select_related("page", "original_parent"), pk=pk
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("fellowship_deleted_items"), "label": "Deleted items"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            deletion=self.deletion,
            page=self.deletion.page,
            counts=deleted_items.counts(self.deletion.page),
            **kwargs,
        )


class RestoreView(DeletionActionView):
    """Put a deleted cohort back where it was, republishing what was live."""

    template_name = "trash/admin/restore.html"

    def get_page_title(self):
        return f"Restore {self.deletion.page.title}"

    def get_context_data(self, **kwargs):
        try:
            deleted_items.check_restore(self.deletion)
            problem = None
        except deleted_items.RestoreError as error:
            problem = str(error)
        return super().get_context_data(
            problem=problem, live_count=len(self.deletion.live_revisions), **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            page = deleted_items.restore(self.deletion, request.user)
        except deleted_items.RestoreError as error:
            messages.error(request, str(error))
            return redirect("fellowship_deleted_items")
        messages.success(request, f"'{page.title}' restored under '{page.get_parent().title}'.")
        return redirect("wagtailadmin_explore", page.get_parent().pk)


class DestroyView(DeletionActionView):
    """Delete a page in Deleted items for good, once its title has been typed to confirm."""

    template_name = "trash/admin/destroy.html"

    def get_page_title(self):
        return f"Delete {self.deletion.page.title} permanently"

    def post(self, request, *args, **kwargs):
        typed = request.POST.get("confirm_title", "").strip()
        if typed.casefold() != self.deletion.page.title.strip().casefold():
            return self.render_to_response(
                self.get_context_data(
                    error="Type the title exactly as shown to delete it permanently.",
                    typed=typed,
                )
            )
        title = self.deletion.page.title
        deleted_items.destroy(self.deletion, request.user)
        messages.success(request, f"'{title}' deleted permanently.")
        return redirect("fellowship_deleted_items")
