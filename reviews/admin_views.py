"""What the admin's own views need beyond the page permission policy to keep drafts private.

- :func:`reviewed_admin_view` wraps every admin view (``fellowship/urls.py`` applies it to all
  of Wagtail's admin URLs): an address naming another fellow's draft by id is refused, so
  no header, breadcrumb or form shows even its title; and the view is rendered (exports streamed)
  knowing who is looking, so that page titles follow ``core.page_permissions.reviewed_admin_title``.
- :class:`WorkflowView`: Wagtail's workflow report, whose rows come through the policy, but whose
  "Requested by" filter offers everyone who ever submitted anything; this one offers only the
  people in the viewer's rows. ``fellowship/urls.py`` routes the report's addresses here first.
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.views.reports import workflows
from wagtail.models import Page, WorkflowState, get_default_page_content_type

import django_filters

from core.page_permissions import viewing_as
from core.roles import is_programme_team
from projects.permissions import own_project_ids

# URL arguments that name a page, in Wagtail's admin and this project's.
PAGE_ID_ARGUMENTS = {"page_id", "page_pk", "parent_page_id", "page_to_move_id", "destination_id"}


def page_ids_in(request, kwargs):
    """The ids of the pages an admin request names: in its address, or ticked for a bulk action."""
    values = [value for name, value in kwargs.items() if name in PAGE_ID_ARGUMENTS]
    view_name = request.resolver_match.view_name if request.resolver_match else ""
    # The admin API answers "not found" for these by itself, through the policy.
    if "pk" in kwargs and view_name.startswith("wagtailadmin_pages:"):
        values.append(kwargs["pk"])
    if (kwargs.get("app_label"), kwargs.get("model_name")) == ("wagtailcore", "page"):
        values += request.GET.getlist("id")
    return {int(value) for value in values if str(value).isdigit()}


def _streamed_as(user, content):
    with viewing_as(user):
        yield from content


def reviewed_admin_view(view):
    """Refuse addresses naming others' drafts, and render the answer knowing who is looking."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return view(request, *args, **kwargs)
        if not is_programme_team(user):
            ids = page_ids_in(request, kwargs)
            hidden = Page.objects.filter(pk__in=ids, live=False).exclude(
                pk__in=own_project_ids(user)
            )
            if ids and hidden.exists():
                # Wagtail's own refusal, as for any page the user may not open.
                return permission_denied(request)
        with viewing_as(user):
            response = view(request, *args, **kwargs)
            # Templates are rendered after the view returns, and exports streamed later still:
            # both must happen while the viewer is known.
            if callable(getattr(response, "render", None)):
                response.render()
        if response.streaming:
            response.streaming_content = _streamed_as(user, response.streaming_content)
        return response

    return wrapped


def requesters_the_viewer_may_see(request):
    """Who submitted the workflows in the viewer's report, and nobody else."""
    visible = Q(
        base_content_type_id=get_default_page_content_type().id,
        object_id__in=workflows.get_editable_page_ids_query(request),
    ) | Q(content_type_id__in=workflows.get_editable_content_type_ids(request))
    User = get_user_model()
    requesters = WorkflowState.objects.filter(visible).values("requested_by")
    return User.objects.filter(pk__in=requesters).order_by(User.USERNAME_FIELD)


class WorkflowReportFilterSet(workflows.WorkflowReportFilterSet):
    """Wagtail's filters for the workflow report, offering only requesters of visible rows."""

    requested_by = django_filters.ModelChoiceFilter(
        field_name="requested_by", queryset=requesters_the_viewer_may_see
    )


class WorkflowView(workflows.WorkflowView):
    """Wagtail's workflow report with :class:`WorkflowReportFilterSet`."""

    filterset_class = WorkflowReportFilterSet


def _as_admin_view(view):
    # Mounted outside Wagtail's admin URLs, so it needs the checks those get.
    return never_cache(require_admin_access(view))


workflow_report_urls = [
    path("workflow/", _as_admin_view(WorkflowView.as_view()), name="team_workflow_report"),
    path(
        "workflow/results/",
        _as_admin_view(WorkflowView.as_view(results_only=True)),
        name="team_workflow_report_results",
    ),
]
