"""The programme team's screens: the impact page, its downloads, and reviewing follow-ups."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from core.admin_views import ProgrammeTeamChooserViewSet
from core.roles import ProgrammeTeamReviewPolicy, programme_team_only
from impact import charts, evaluation, figures
from impact.downloads import csv_response
from impact.models import FollowUp, FollowUpStatus, PublishedFigure

IDENTIFIABLE_SUPERUSERS_ONLY = "Only a superuser can export data that names fellows."


@programme_team_only
def impact_page(request):
    """Every figure with its chart, table, CSV download and "show on Our impact" choice."""
    published = set(PublishedFigure.objects.values_list("figure", flat=True))
    shown = [(figure, charts.render(figure, "admin-")) for figure in figures.all_figures()]
    return render(
        request,
        "impact/admin/impact_page.html",
        {
            "figures": shown,
            "published": published,
            "now": timezone.now(),
            "can_export_identifiable": request.user.is_superuser,
        },
    )


@programme_team_only
def impact_csv(request, slug):
    if slug not in figures.BUILDERS:
        raise Http404("There is no impact figure with that name.")
    figure = figures.build(slug, public=False)
    return csv_response(f"impact-{slug}", figure.csv_headers, figure.csv_rows)


@programme_team_only
def publish_figures(request):
    """Save which figures "Our impact" shows: exactly the publishable ones ticked."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    chosen = [slug for slug in request.POST.getlist("figure") if slug in figures.PUBLISHABLE]
    with transaction.atomic():
        PublishedFigure.objects.exclude(figure__in=chosen).delete()
        for slug in chosen:
            PublishedFigure.objects.get_or_create(
                figure=slug, defaults={"published_by": request.user}
            )
    if chosen:
        messages.success(request, f"“Our impact” now shows {len(chosen)} figure(s).")
    else:
        messages.success(request, "“Our impact” now shows no figures.")
    return redirect("impact_page")


class EvaluationExportForm(forms.Form):
    identifiable = forms.BooleanField(required=False)


@programme_team_only
def evaluation_download(request):
    """The evaluation dataset as xlsx; naming fellows is for superusers only, and logged."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = EvaluationExportForm(request.POST)
    identifiable = form.is_valid() and form.cleaned_data["identifiable"]
    if identifiable and not request.user.is_superuser:
        messages.error(request, IDENTIFIABLE_SUPERUSERS_ONLY)
        return redirect("impact_page")
    content = evaluation.export_bytes(user=request.user, identifiable=identifiable, via="admin")
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    kind = "identifiable" if identifiable else "pseudonymised"
    response["Content-Disposition"] = (
        f'attachment; filename="evaluation-{kind}-{timezone.localdate()}.xlsx"'
    )
    response["Cache-Control"] = "no-store"
    return response


class FollowUpReviewForm(WagtailAdminModelForm):
    """Marking a follow-up reviewed records who and when; an unanswered one cannot be."""

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status != FollowUpStatus.AWAITING_ANSWER and not self.instance.answered:
            raise forms.ValidationError(
                "The fellow has not answered yet, so there is nothing to review."
            )
        if status == FollowUpStatus.AWAITING_ANSWER and self.instance.answered:
            raise forms.ValidationError(
                "The fellow has answered: choose “Answered, waiting for review” or “Reviewed”."
            )
        return status


class FollowUpEditView(EditView):
    def save_instance(self):
        instance = self.form.instance
        if instance.status == FollowUpStatus.REVIEWED and "status" in self.form.changed_data:
            instance.mark_reviewed(self.request.user)
        elif instance.status != FollowUpStatus.REVIEWED:
            instance.reviewed_at, instance.reviewed_by = None, None
        return super().save_instance()


# Follow-ups are made by ``send_follow_ups`` and answered through the emailed link.
FOLLOW_UP_POLICY = ProgrammeTeamReviewPolicy(FollowUp)


class FollowUpViewSet(SnippetViewSet):
    """Follow-ups, those waiting for review easy to find; each opens as a review form."""

    model = FollowUp
    chooser_viewset_class = ProgrammeTeamChooserViewSet
    edit_view_class = FollowUpEditView
    icon = "history"
    menu_label = "Follow-ups"
    menu_order = 170
    add_to_admin_menu = True
    list_display = [
        "project",
        "fellow",
        "months",
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("sent_at", label="Sent"),
        DateColumn("answered_at", label="Answered"),
    ]
    list_filter = ["status", "months"]
    list_export = ["project", "fellow", "months", "due_on", "status", "sent_at", "answered_at"]
    ordering = ["-due_on"]
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(FollowUp.panels, base_form_class=FollowUpReviewForm)

    def get_queryset(self, request):
        return FollowUp.objects.select_related("project", "fellow")
