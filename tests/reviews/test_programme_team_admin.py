"""Every admin address reserved for the programme team, found from the URL resolver and the
permission policy registry, refuses fellows and mentors and opens for the programme team."""

from django.apps import apps
from django.urls import reverse

from wagtail.log_actions import log
from wagtail.permissions import policy_registry

import pytest

from cohorts.models import CohortPage, Fellow, Mentor
from core.roles import ProgrammeTeamOnlyMixin, ProgrammeTeamPermissionPolicy
from impact.figures import BUILDERS
from impact.models import FollowUp
from projects.admin_views import MERGE_ACTION
from projects.models import ProjectPage, Theme
from reuse.models import FindingUse, OrganisationType
from tests.factories import FindingFactory, ThemeFactory
from tests.reviews.helpers import login_as
from tests.reviews.test_admin_visibility import admin_patterns, model_of
from tracking.models import MilestoneTemplate
from trash import deleted_items
from trash.models import DeletedPage

# Sample values for the arguments of the reserved addresses; records are made by ``records``.
ARGUMENTS = {"decision": "approve", "table": "reviews-waiting", "slug": next(iter(BUILDERS))}

# Finding use reports come only from the public form: nobody, the team included, adds one here.
NOBODY_OPENS = {
    "wagtailsnippets_reuse_findinguse:add",
    "wagtailsnippetchoosers_reuse_findinguse:create",
    # Follow-ups come only from the fellow's emailed link; the team reviews them and keeps them.
    "wagtailsnippets_impact_followup:add",
    "wagtailsnippetchoosers_impact_followup:create",
    "wagtailsnippets_impact_followup:delete",
}
# Forms posted from the impact page: the team's GET is told the method is not allowed.
POSTED_ONLY = {"impact_publish", "impact_evaluation"}


def reserved_for_the_team(callback):
    """Whether an admin view is the programme team's alone, by its guard or its model's policy."""
    if getattr(callback, "programme_team_only", False):
        return True
    view_class = getattr(callback, "view_class", None)
    if isinstance(view_class, type) and issubclass(view_class, ProgrammeTeamOnlyMixin):
        return True
    model = model_of(callback)
    if model is None:
        return False
    return isinstance(policy_registry.get_by_type(model), ProgrammeTeamPermissionPolicy)


def snippet_model(name):
    """The model of a snippet viewset's address, from its namespace (``wagtailsnippets_a_b``)."""
    app_label, model_name = name.split(":")[0].split("_")[-2:]
    return apps.get_model(app_label, model_name)


def reserved_urls(records):
    """(address, needs a record of its model) for every reserved GET address."""
    urls = []
    for _route, name, arguments, callback in admin_patterns():
        if not reserved_for_the_team(callback):
            continue
        kwargs = {}
        for argument in arguments:
            if argument in ARGUMENTS:
                kwargs[argument] = ARGUMENTS[argument]
            elif argument == "entry_id":
                kwargs[argument] = records["merge"].pk
            elif name.startswith("fellowship_deleted_items"):
                kwargs[argument] = records[DeletedPage].pk
            else:
                kwargs[argument] = records[model_of(callback) or snippet_model(name)].pk
        urls.append((name, reverse(name, kwargs=kwargs)))
    return urls


@pytest.fixture
def records(people):
    project = people.project(live=True)
    finding = FindingFactory(page=project)
    use = FindingUse.objects.create(
        finding=finding,
        who="A health visitor",
        organisation_type=OrganisationType.choices[0][0],
        how_used="In our team's training.",
    )
    theme = ThemeFactory(name="Belonging")
    team = people.users["programme_team"]
    merge = log(instance=theme, action=MERGE_ACTION, user=team, data={"merged": ["Belong"]})
    deleted_items.soft_delete(people.other_cohort, team)
    return {
        Fellow: people.listed,
        Mentor: people.mentor,
        Theme: theme,
        FindingUse: use,
        DeletedPage: DeletedPage.objects.get(),
        "merge": merge,
        CohortPage: people.cohort,
        ProjectPage: project,
        FollowUp: FollowUp.objects.create(
            project=project, fellow=people.listed, months=12, due_on="2025-01-31"
        ),
        MilestoneTemplate: MilestoneTemplate.objects.create(
            cohort=people.cohort, name="Proposal agreed", due_date="2024-01-31"
        ),
    }


def test_the_reserved_addresses_include_each_way_the_team_is_recognised(records):
    names = {name for name, _url in reserved_urls(records)}
    assert "programme_dashboard" in names  # a function view behind programme_team_only
    assert "fellowship_deleted_items" in names  # a class-based view with the mixin
    assert "team_site_history" in names  # one of Wagtail's views wrapped for the team
    assert "wagtailsnippets_cohorts_fellow:list" in names  # a model behind the team's policy
    assert "wagtailsnippets_projects_theme:merge" in names
    assert "wagtailsnippets_reuse_findinguse:moderate" in names
    assert {"tracker_index", "tracker", "milestones_adjust"} <= names
    assert {"impact_page", "impact_csv", "wagtailsnippets_impact_followup:list"} <= names
    assert "wagtailsnippets_tracking_milestonetemplate:list" in names


def refused(response):
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


@pytest.mark.parametrize("role", ["listed_fellow", "assigned_mentor", "unassigned_mentor"])
def test_fellows_and_mentors_are_refused_every_programme_team_address(
    client, people, records, role
):
    login_as(client, people, role)
    let_in = [url for _name, url in reserved_urls(records) if not refused(client.get(url))]
    assert let_in == []


def test_programme_team_opens_every_programme_team_address(client, people, records):
    login_as(client, people, "programme_team")
    answers = {
        url: (client.get(url).status_code, 405 if name in POSTED_ONLY else 200)
        for name, url in reserved_urls(records)
        if name not in NOBODY_OPENS
    }
    assert {url: got for url, (got, expected) in answers.items() if got != expected} == {}
