"""The programme team's moderation of "I used this finding" reports."""

from django.contrib import messages
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.admin_views import ProgrammeTeamChooserViewSet
from core.roles import ProgrammeTeamOnlyMixin, ProgrammeTeamReviewPolicy
from reuse.models import FindingUse, ModerationStatus

DECISIONS = {"approve": ModerationStatus.APPROVED, "reject": ModerationStatus.REJECTED}


# Registered for FindingUse in reuse/wagtail_hooks.py; reports come only from the public form.
FINDING_USE_POLICY = ProgrammeTeamReviewPolicy(FindingUse)


def can_moderate(user):
    return FINDING_USE_POLICY.user_has_permission(user, "change")


class FindingUseIndexView(IndexView):
    """Reports with Approve and Reject buttons beside those waiting for moderation."""

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.status == ModerationStatus.PENDING and can_moderate(self.request.user):
            for decision, label in (("approve", "Approve"), ("reject", "Reject")):
                buttons.insert(
                    0,
                    ListingButton(
                        label,
                        url=reverse(
                            "wagtailsnippets_reuse_findinguse:moderate",
                            args=[instance.pk, decision],
                        ),
                        priority=5,
                    ),
                )
        return buttons


class ModerateView(ProgrammeTeamOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then record, a decision on one report. Only a POST changes anything."""

    template_name = "reuse/admin/moderate_confirm.html"
    header_icon = "comment"
    # A plain 403 rather than Wagtail's redirect-with-message, as for merging themes.
    plain_refusal = True
    refusal_message = "Only the programme team can moderate reports."

    def user_allowed(self, user):
        return can_moderate(user)

    def dispatch(self, request, pk, decision):
        # Refuse before looking anything up, so that nobody learns which reports exist.
        refused = self.refusal(request)
        if refused:
            return refused
        if decision not in DECISIONS:
            return HttpResponseForbidden("A report can only be approved or rejected.")
        self.use = get_object_or_404(FindingUse.objects.select_related("finding__page"), pk=pk)
        self.decision = decision
        return super().dispatch(request)

    def get_page_title(self):
        return "Approve report" if self.decision == "approve" else "Reject report"

    def get_context_data(self, **kwargs):
        return super().get_context_data(use=self.use, decision=self.decision, **kwargs)

    def post(self, request):
        self.use.status = DECISIONS[self.decision]
        self.use.save(update_fields=["status"])
        verb = "Approved" if self.decision == "approve" else "Rejected"
        messages.success(request, f"{verb} the report on '{self.use.finding}'.")
        return redirect("wagtailsnippets_reuse_findinguse:list")


class FindingUseViewSet(SnippetViewSet):
    """Reports that a finding was used, newest first, filtered by status or organisation type."""

    model = FindingUse
    chooser_viewset_class = ProgrammeTeamChooserViewSet
    icon = "comment"
    menu_label = "Finding use reports"
    menu_order = 160
    add_to_admin_menu = True
    index_view_class = FindingUseIndexView
    list_display = [
        "finding",
        "organisation_type",
        "who",
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("created", label="Sent"),
    ]
    list_filter = ["status", "organisation_type"]
    list_export = ["finding", "who", "organisation_type", "how_used", "status", "created"]
    search_fields = ["how_used", "who"]
    search_backend_name = None
    ordering = ["-created"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return FindingUse.objects.select_related("finding__page")

    @property
    def moderate_view(self):
        return self.construct_view(ModerateView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("moderate/<int:pk>/<str:decision>/", self.moderate_view, name="moderate"),
        ]
