"""The programme team's admin for themes: the listing, the editing form, merging and undoing merges."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse, reverse_lazy
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

import django_filters

from core.admin_views import ProgrammeTeamChooserViewSet
from core.roles import ProgrammeTeamOnlyMixin, ProgrammeTeamPermissionPolicy
from projects import theme_merges
from projects.admin_forms import ThemeForm, ThemeMergeForm
from projects.models import FindingTheme, ProjectPageTheme, Theme

MERGE_ACTION = theme_merges.MERGE_ACTION

# Registered for Theme with the Fellowship menu (projects/wagtail_hooks.py).
THEME_POLICY = ProgrammeTeamPermissionPolicy(Theme)


def can_merge_themes(user):
    """Merging rewrites and deletes themes, so it needs both permissions (the programme team's)."""
    return all(THEME_POLICY.user_has_permission(user, action) for action in ("change", "delete"))


class MergePermissionMixin(ProgrammeTeamOnlyMixin):
    """Only the programme team may merge themes, see merges or undo them, with a plain 403."""

    plain_refusal = True
    refusal_message = "Only the programme team can merge themes or undo merges."

    def user_allowed(self, user):
        return can_merge_themes(user)


class ThemeFilterSet(WagtailFilterSet):
    """Finds the themes no project or finding uses any more, or those that are in use."""

    usage = django_filters.ChoiceFilter(
        label="Used",
        choices=[("used", "Used"), ("unused", "Unused")],
        empty_label="Used or unused",
        method="filter_usage",
    )

    class Meta:
        model = Theme
        fields = []

    def filter_usage(self, queryset, name, value):
        used = Exists(ProjectPageTheme.objects.filter(tag=OuterRef("pk"))) | Exists(
            FindingTheme.objects.filter(tag=OuterRef("pk"))
        )
        if value == "used":
            return queryset.filter(used)
        if value == "unused":
            return queryset.exclude(used)
        return queryset


class ThemeIndexView(IndexView):
    """The themes listing, with a way into merging for those allowed to merge."""

    @cached_property
    def merge_url(self):
        return reverse("wagtailsnippets_projects_theme:merge")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if can_merge_themes(self.request.user):
            buttons = [
                *buttons,
                HeaderButton("Merge themes", url=self.merge_url, icon_name="resubmit"),
                HeaderButton(
                    "Merge history",
                    url=reverse("wagtailsnippets_projects_theme:merge_history"),
                    icon_name="history",
                ),
            ]
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_merge_themes(self.request.user):
            buttons.append(
                Button(
                    "Merge into another theme",
                    url=f"{self.merge_url}?theme={instance.pk}",
                    icon_name="resubmit",
                    priority=25,
                )
            )
        return buttons


class ThemeViewSet(SnippetViewSet):
    """Themes, with how many projects and findings use each, and the merge view."""

    model = Theme
    chooser_viewset_class = ProgrammeTeamChooserViewSet
    icon = "tag"
    menu_label = "Themes"
    add_to_admin_menu = False
    index_view_class = ThemeIndexView
    list_display = [
        "name",
        "slug",
        Column("project_count", label="Projects", sort_key="project_count"),
        Column("finding_count", label="Findings", sort_key="finding_count"),
    ]
    list_export = ["name", "slug", "description"]
    filterset_class = ThemeFilterSet
    search_backend_name = None
    search_fields = ["name", "description"]
    ordering = ["name"]
    copy_view_enabled = False
    edit_handler = ObjectList(Theme.panels, base_form_class=ThemeForm)

    def get_queryset(self, request):
        return Theme.objects.annotate(
            project_count=Count("tagged_projects", distinct=True),
            finding_count=Count("tagged_findings", distinct=True),
        )

    @property
    def merge_view(self):
        return self.construct_view(
            ThemeMergeView,
            breadcrumbs_items=[
                *self.breadcrumbs_items,
                {"url": reverse_lazy("wagtailsnippets_projects_theme:list"), "label": "Themes"},
            ],
        )

    def _merge_history_view(self, view_class):
        return self.construct_view(
            view_class,
            breadcrumbs_items=[
                *self.breadcrumbs_items,
                {"url": reverse_lazy("wagtailsnippets_projects_theme:list"), "label": "Themes"},
            ],
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("merge/", self.merge_view, name="merge"),
            path(
                "merges/",
                self._merge_history_view(ThemeMergeHistoryView),
                name="merge_history",
            ),
            path(
                "merges/<int:entry_id>/undo/",
                self._merge_history_view(ThemeMergeUndoView),
                name="merge_undo",
            ),
        ]


def _also_tagged(taggings, through, target):
    """How many of the objects tagged by ``taggings`` also carry ``target``."""
    with_target = through.objects.filter(tag=target).values("content_object_id")
    return (
        taggings.filter(content_object_id__in=with_target)
        .values("content_object_id")
        .distinct()
        .count()
    )


def merge_counts(themes, target=None):
    """How many projects and findings carry ``themes``, and how many of those already have ``target``."""
    projects = ProjectPageTheme.objects.filter(tag__in=themes)
    findings = FindingTheme.objects.filter(tag__in=themes)
    counts = {
        "projects": projects.values("content_object_id").distinct().count(),
        "findings": findings.values("content_object_id").distinct().count(),
    }
    if target is not None:
        counts["projects_with_target"] = _also_tagged(projects, ProjectPageTheme, target)
        counts["findings_with_target"] = _also_tagged(findings, FindingTheme, target)
    return counts


def plural(count, noun):
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class ThemeMergeView(MergePermissionMixin, WagtailAdminTemplateMixin, FormView):
    """Choose themes and the theme to keep, confirm what will move, then merge.

    The first POST shows the confirmation; only a POST carrying ``confirm`` changes anything.
    """

    form_class = ThemeMergeForm
    template_name = "projects/admin/theme_merge.html"
    confirm_template_name = "projects/admin/theme_merge_confirm.html"
    page_title = "Merge themes"
    header_icon = "tag"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": "Merge themes"}]

    def get_initial(self):
        ids = [value for value in self.request.GET.getlist("theme") if value.isdigit()]
        return {"themes": Theme.objects.filter(pk__in=ids)}

    def form_valid(self, form):
        themes = list(form.cleaned_data["themes"])
        target = form.cleaned_data["target"]
        if "confirm" not in self.request.POST:
            return self.response_class(
                request=self.request,
                template=[self.confirm_template_name],
                context=self.get_context_data(
                    form=form,
                    themes=themes,
                    target=target,
                    counts=merge_counts(themes, target),
                ),
                using=self.template_engine,
            )

        counts = merge_counts(themes, target)
        names = [theme.name for theme in themes]
        with transaction.atomic():
            undo_record = theme_merges.snapshot(themes, target)
            for theme in themes:
                theme.merge_into(target)
            log(
                instance=target,
                action=MERGE_ACTION,
                user=self.request.user,
                data={
                    "merged": names,
                    "target": target.name,
                    "projects": counts["projects"],
                    "findings": counts["findings"],
                    # What the merge changed, so that it can be undone from the merge history.
                    "undo": undo_record,
                },
            )
        merged = ", ".join(f"'{name}'" for name in names)
        messages.success(
            self.request,
            f"Merged {merged} into '{target.name}': {plural(counts['projects'], 'project')} and "
            f"{plural(counts['findings'], 'finding')} moved. You can undo this from Merge history.",
        )
        return redirect("wagtailsnippets_projects_theme:list")


class ThemeMergeHistoryView(MergePermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every merge of themes, newest first, with a way to undo those that can be undone."""

    template_name = "projects/admin/theme_merge_history.html"
    page_title = "Merge history"
    header_icon = "history"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": "Merge history"}]

    def get_context_data(self, **kwargs):
        entries = list(
            ModelLogEntry.objects.filter(action=MERGE_ACTION)
            .select_related("user")
            .order_by("-timestamp", "-pk")[:100]
        )
        for entry in entries:
            try:
                theme_merges.check_undo(entry)
                entry.undo_problem = None
            except theme_merges.UndoError as error:
                entry.undo_problem = str(error)
        return super().get_context_data(entries=entries, **kwargs)


class ThemeMergeUndoView(MergePermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET), then undo (POST) one merge: the merged themes come back with their taggings."""

    template_name = "projects/admin/theme_merge_undo.html"
    page_title = "Undo merge"
    header_icon = "history"

    def dispatch(self, request, *args, entry_id, **kwargs):
        self.entry = get_object_or_404(ModelLogEntry, pk=entry_id, action=MERGE_ACTION)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_projects_theme:merge_history"),
                "label": "Merge history",
            },
            {"url": "", "label": "Undo merge"},
        ]

    def get_context_data(self, **kwargs):
        try:
            record = theme_merges.check_undo(self.entry)
            problem = None
        except theme_merges.UndoError as error:
            record, problem = None, str(error)
        return super().get_context_data(entry=self.entry, record=record, problem=problem, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            restored = theme_merges.undo(self.entry, request.user)
        except theme_merges.UndoError as error:
            messages.error(request, str(error))
            return redirect("wagtailsnippets_projects_theme:merge_history")
        names = ", ".join(f"'{theme.name}'" for theme in restored)
        messages.success(
            request, f"Merge undone: {names} restored with their projects and findings."
        )
        return redirect("wagtailsnippets_projects_theme:list")
