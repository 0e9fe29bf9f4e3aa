"""Every admin address that lists or shows pages, walked as a fellow and as an unassigned mentor.

The addresses come from the URL resolver, so a view added by a Wagtail upgrade or by this project
is walked too. Each page-id argument is filled with another fellow's draft in review and with a live
project whose title has an unpublished edit; neither title may appear in any answer, export
included.
"""

import io
import zipfile

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.models import Page, TaskState, WorkflowState
from wagtail.permissions import policy_registry

import pytest

from core.page_permissions import UNSEEN_DRAFT_TITLE, viewing_as
from impact.figures import BUILDERS
from tests.reviews.helpers import login_as

DRAFT_TITLE = "Zebra crossings draft"
LIVE_TITLE = "Quiet streets"
PENDING_TITLE = "Quokka pending title"
SECRETS = (DRAFT_TITLE, PENDING_TITLE)

# Addresses with nothing to show: leaving would sign the walker out, the other raises on purpose.
NOT_WALKED = {"wagtailadmin_logout", "wagtailadmin_error_test"}


def admin_patterns(resolver=None, prefix="", namespaces=()):
    """Every URL pattern under /admin/: (route, namespaced name, argument names, callback)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            names = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from admin_patterns(pattern, route, names)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/") and pattern.name:
            name = ":".join(namespaces + (pattern.name,))
            arguments = list(pattern.pattern.regex.groupindex)
            yield route, name, arguments, pattern.callback


def model_of(callback):
    view_class = getattr(callback, "view_class", None)
    initkwargs = getattr(callback, "view_initkwargs", {}) or {}
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    return model if isinstance(model, type) else None


def exports(callback):
    view_class = getattr(callback, "view_class", None)
    initkwargs = getattr(callback, "view_initkwargs", {}) or {}
    return bool(initkwargs.get("list_export") or getattr(view_class, "list_export", None))


class Scene:
    """The pages and review records whose ids fill the walked addresses."""

    def __init__(self, people, workflow):
        self.draft = people.project(title=DRAFT_TITLE, slug="zebra-crossings")
        workflow.start(self.draft, people.users["listed_fellow"])
        self.draft.refresh_from_db()
        self.live = people.project(live=True, title=LIVE_TITLE, slug="quiet-streets")
        self.live.title = PENDING_TITLE
        self.live.save_revision(user=people.users["listed_fellow"])
        self.live.refresh_from_db()
        # A lock and an aging, published page for the locked and aging pages reports.
        self.live.locked = True
        self.live.locked_by = people.users["programme_team"]
        self.live.save(update_fields=["locked", "locked_by"])
        self.workflow_state = WorkflowState.objects.get(
            object_id=str(self.draft.pk), status=WorkflowState.STATUS_IN_PROGRESS
        )
        self.task_state = TaskState.objects.filter(workflow_state=self.workflow_state).latest("pk")

    def pages(self):
        return [self.draft, self.live]

    def values(self, name, argument, page, callback=None):
        """Values for one argument of the address ``name`` when ``page`` is the page walked."""
        if argument in {
            "page_id",
            "page_pk",
            "parent_page_id",
            "page_to_move_id",
            "destination_id",
        }:
            return [page.pk]
        if argument == "pk" and (name.startswith("wagtailadmin_pages:") or "api:pages" in name):
            return [page.pk]
        if argument == "revision_id":
            return [page.get_latest_revision().pk]
        if argument == "revision_id_a":
            return ["earliest"]
        if argument == "revision_id_b":
            return ["latest"]
        if argument == "task_state_id":
            return [self.task_state.pk]
        if argument == "task_id":
            return [self.task_state.task_id]
        if argument == "workflow_state_id":
            return [self.workflow_state.pk]
        if argument == "action_name":
            return ["approve", "reject"]
        if argument in {"content_type_app_name", "app_label", "app_name"}:
            return ["projects"]
        if argument in {"content_type_model_name", "model_name"}:
            return ["projectpage"]
        if argument in OTHER_ARGUMENTS:
            return OTHER_ARGUMENTS[argument]
        if argument == "pk" or argument.endswith("_id") or argument.endswith("_pk"):
            # Another kind of record: every one there is (few in a test), else one that is not.
            model = model_of(callback)
            ids = list(model.objects.values_list("pk", flat=True)[:2]) if model else []
            return ids or [1]
        return None

    def urls(self):
        """(address, has exports) for every walked pattern, each page id both pages' ids."""
        unfilled = set()
        for _route, name, arguments, callback in admin_patterns():
            if name in NOT_WALKED:
                continue
            page_arguments = [
                a for a in arguments if self.values(name, a, self.draft, callback) is None
            ]
            if page_arguments:
                unfilled.add((name, tuple(page_arguments)))
                continue
            for page in self.pages() if arguments else [None]:
                combinations = [{}]
                for argument in arguments:
                    combinations = [
                        {**combination, argument: value}
                        for combination in combinations
                        for value in self.values(name, argument, page, callback)
                    ]
                for kwargs in combinations:
                    yield reverse(name, kwargs=kwargs), exports(callback)
        self.unfilled = unfilled


# Sample values for arguments that name neither a page nor a record.
OTHER_ARGUMENTS = {
    "action": ["delete"],
    "decision": ["approve"],
    "filter_spec": ["original"],
    "table": ["reviews"],
    "object_id": ["1"],
    "uidb64": ["MQ"],
    "token": ["set-password"],
    # Every figure of the impact page's downloads.
    "slug": sorted(BUILDERS),
}


def body_text(response):
    """The answer as text, with a workbook's sheets unzipped."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            content = b"".join(workbook.read(name) for name in workbook.namelist())
    return content.decode("utf-8", errors="replace")


def leaks(client, url):
    response = client.get(url)
    text = body_text(response) + response.get("Location", "")
    return [secret for secret in SECRETS if secret in text]


def bulk_action_urls(scene):
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    for action_type in bulk_action_registry.actions.get("wagtailcore", {}).get("page", {}):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action_type])
        yield f"{url}?id={scene.draft.pk}&id={scene.live.pk}"


@pytest.mark.parametrize("role", ["same_cohort_fellow", "unassigned_mentor"])
def test_no_admin_address_shows_another_fellows_draft_or_pending_title(
    client, people, workflow, role
):
    scene = Scene(people, workflow)
    urls = list(scene.urls())
    assert not scene.unfilled, f"Give these arguments values: {scene.unfilled}"
    urls += [(url, False) for url in bulk_action_urls(scene)]
    login_as(client, people, role)
    found = {}
    for url, has_exports in urls:
        variants = [url] + ([f"{url}?export=csv", f"{url}?export=xlsx"] if has_exports else [])
        for variant in variants:
            secrets = leaks(client, variant)
            if secrets:
                found[variant] = secrets
    assert found == {}


def test_the_walk_reaches_the_reports_exports_and_page_views(people, workflow):
    scene = Scene(people, workflow)
    urls = dict(scene.urls())
    workflow_report = reverse("wagtailadmin_reports:workflow")
    assert urls[workflow_report] is True
    assert reverse("wagtailadmin_reports:workflow_tasks") in urls
    assert reverse("wagtailadmin_explore", args=[scene.draft.pk]) in urls
    assert reverse("wagtailadmin_pages:history", args=[scene.live.pk]) in urls
    assert "/admin/api/main/pages/" in urls


def test_the_people_who_may_see_the_draft_and_pending_title_still_do(client, people, workflow):
    Scene(people, workflow)
    report = reverse("wagtailadmin_reports:workflow")
    explore = reverse("wagtailadmin_explore", args=[people.cohort.pk])
    for role in ("listed_fellow", "programme_team"):
        login_as(client, people, role)
        assert DRAFT_TITLE in body_text(client.get(report)), role
        assert PENDING_TITLE in body_text(client.get(explore)), role


def test_policy_gives_the_reviewing_mentor_the_draft_and_nobody_else(people, workflow):
    scene = Scene(people, workflow)
    policy = policy_registry.get_by_type(Page)
    changeable = {
        role: set(policy.instances_user_has_permission_for(people.users[role], "change"))
        for role in ("assigned_mentor", "unassigned_mentor", "same_cohort_fellow", "listed_fellow")
    }
    assert changeable["assigned_mentor"] == {scene.draft.page_ptr}
    assert changeable["unassigned_mentor"] == set()
    assert changeable["same_cohort_fellow"] == set()
    assert changeable["listed_fellow"] == {scene.draft.page_ptr, scene.live.page_ptr}


def test_others_see_the_live_title_of_a_page_with_unpublished_changes(client, people, workflow):
    Scene(people, workflow)
    login_as(client, people, "same_cohort_fellow")
    listing = body_text(client.get(reverse("wagtailadmin_explore", args=[people.cohort.pk])))
    assert LIVE_TITLE in listing
    api = client.get("/admin/api/main/pages/", {"child_of": people.cohort.pk}).json()
    assert [item["admin_display_title"] for item in api["items"]] == [LIVE_TITLE]


def test_requested_by_filter_names_only_people_in_the_viewers_rows(client, people, workflow):
    Scene(people, workflow)
    report = reverse("wagtailadmin_reports:workflow")
    login_as(client, people, "same_cohort_fellow")
    choices = client.get(report).context["filters"].form.fields["requested_by"].queryset
    assert list(choices) == []
    login_as(client, people, "listed_fellow")
    choices = client.get(report).context["filters"].form.fields["requested_by"].queryset
    assert list(choices) == [people.users["listed_fellow"]]


def test_an_admin_address_naming_another_fellows_draft_is_refused(client, people, workflow):
    scene = Scene(people, workflow)
    login_as(client, people, "same_cohort_fellow")
    response = client.get(reverse("wagtailadmin_explore", args=[scene.draft.pk]))
    assert response["Location"] == reverse("wagtailadmin_home")
    login_as(client, people, "listed_fellow")
    assert client.get(reverse("wagtailadmin_explore", args=[scene.draft.pk])).status_code == 200


def test_admin_title_follows_the_viewer_and_is_wagtails_own_outside_the_admin(people, workflow):
    scene = Scene(people, workflow)
    live = Page.objects.get(pk=scene.live.pk)  # a plain Page, as listings and breadcrumbs use
    draft = Page.objects.get(pk=scene.draft.pk)
    assert live.get_admin_display_title() == PENDING_TITLE
    with viewing_as(people.users["same_cohort_fellow"]):
        assert live.get_admin_display_title() == LIVE_TITLE
        assert draft.get_admin_display_title() == UNSEEN_DRAFT_TITLE
    for role in ("listed_fellow", "programme_team"):
        with viewing_as(people.users[role]):
            assert live.get_admin_display_title() == PENDING_TITLE
            assert draft.get_admin_display_title() == DRAFT_TITLE
    with viewing_as(people.users["assigned_mentor"]):
        assert draft.get_admin_display_title() == DRAFT_TITLE
