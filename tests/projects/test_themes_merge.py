"""Merging themes: the programme team's confirmation step, what moves, and what is left behind."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from core.vocabularies import Confidence, EvidenceType
from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme, Theme
from tests.factories import FindingFactory, ProjectPageFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

MERGE_URL = reverse("wagtailsnippets_projects_theme:merge")
THEMES_URL = reverse("wagtailsnippets_projects_theme:list")


def login(client, username, *codenames):
    user = UserFactory(username=username)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="projects", codename__in=codenames),
    )
    client.force_login(user)
    return user


@pytest.fixture
def themes(db):
    """'Zero tolerance' (to keep) and two near-duplicates, on projects and findings."""
    keep = ThemeFactory(name="Zero tolerance", slug="zero-tolerance")
    policies = ThemeFactory(name="Zero tolerance policies", slug="zero-tolerance-policies")
    typo = ThemeFactory(name="Zero tolerence", slug="zero-tolerence")
    both = ProjectPageFactory(title="Tagged with both", themes=[keep, policies])
    only_policies = ProjectPageFactory(title="Tagged with policies", themes=[policies])
    only_typo = ProjectPageFactory(title="Tagged with the typo", themes=[typo])
    finding = FindingFactory(page=only_policies)
    finding.themes.add(policies, keep)
    finding.save()
    other_finding = FindingFactory(page=only_typo)
    other_finding.themes.add(typo)
    other_finding.save()
    return {
        "keep": keep,
        "policies": policies,
        "typo": typo,
        "both": both,
        "only_policies": only_policies,
        "only_typo": only_typo,
        "finding": finding,
        "other_finding": other_finding,
    }


def post_merge(client, sources, target, confirm=True):
    data = {"themes": [t.pk for t in sources], "target": target.pk}
    if confirm:
        data["confirm"] = "1"
    return client.post(MERGE_URL, data)


def theme_names(project):
    return [t.name for t in ProjectPage.objects.get(pk=project.pk).themes.all()]


def test_merge_form_preselects_the_theme_chosen_in_the_listing(programme_team_client, themes):
    response = programme_team_client.get(MERGE_URL, {"theme": themes["typo"].pk})
    assert response.status_code == 200
    assert list(response.context["form"]["themes"].initial) == [themes["typo"]]


def test_listing_offers_merging_to_the_programme_team(programme_team_client, themes):
    html = programme_team_client.get(THEMES_URL).content.decode()
    assert "Merge themes" in html
    assert f"{MERGE_URL}?theme={themes['typo'].pk}" in html


def test_confirmation_counts_what_will_move_and_changes_nothing(programme_team_client, themes):
    response = post_merge(
        programme_team_client, [themes["policies"], themes["typo"]], themes["keep"], confirm=False
    )
    assert response.status_code == 200
    assert response.context["counts"] == {
        "projects": 3,
        "findings": 2,
        "projects_with_target": 1,
        "findings_with_target": 1,
    }
    html = response.content.decode()
    assert "3 projects" in html and "2 findings" in html
    assert "Yes, merge" in html
    assert Theme.objects.count() == 3
    assert not ModelLogEntry.objects.filter(action="fellowship.theme_merge").exists()


def test_confirmed_merge_moves_every_tagging_onto_the_kept_theme(programme_team_client, themes):
    keep = themes["keep"]
    before = ProjectPageTheme.objects.count() + FindingTheme.objects.count()

    response = post_merge(programme_team_client, [themes["policies"], themes["typo"]], keep)

    assert response.status_code == 302
    assert response.url == THEMES_URL
    assert list(Theme.objects.all()) == [keep]
    for project in ("both", "only_policies", "only_typo"):
        assert theme_names(themes[project]) == ["Zero tolerance"]
    assert list(themes["finding"].themes.all()) == [keep]
    assert list(themes["other_finding"].themes.all()) == [keep]
    # Only the two doubled taggings (a project and a finding with both themes) disappear.
    assert ProjectPageTheme.objects.count() + FindingTheme.objects.count() == before - 2


def test_project_tagged_with_both_ends_with_one_tagging(programme_team_client, themes):
    post_merge(programme_team_client, [themes["policies"]], themes["keep"])
    assert ProjectPageTheme.objects.filter(content_object=themes["both"]).count() == 1
    assert FindingTheme.objects.filter(content_object=themes["finding"]).count() == 1


def test_merged_theme_address_redirects_to_the_kept_theme(
    client, programme_team_client, themes, home
):
    post_merge(programme_team_client, [themes["typo"]], themes["keep"])
    client.logout()
    response = client.get("/themes/zero-tolerence/")
    assert (response.status_code, response["Location"]) == (301, "/themes/zero-tolerance/")


def test_merge_is_written_to_the_audit_log(client, programme_team_client, programme_team, themes):
    post_merge(programme_team_client, [themes["policies"], themes["typo"]], themes["keep"])

    entry = ModelLogEntry.objects.get(action="fellowship.theme_merge")
    assert entry.user == programme_team
    assert entry.object_id == str(themes["keep"].pk)
    assert entry.data["merged"] == ["Zero tolerance policies", "Zero tolerence"]
    assert (entry.data["projects"], entry.data["findings"]) == (3, 2)
    assert entry.message == (
        "Merged 'Zero tolerance policies', 'Zero tolerence' into 'Zero tolerance' "
        "(3 projects, 2 findings moved)"
    )
    history = programme_team_client.get(
        reverse("wagtailsnippets_projects_theme:history", args=[themes["keep"].pk])
    )
    assert "Merged &#x27;Zero tolerance policies&#x27;" in history.content.decode()
    superuser = UserFactory(username="root", is_superuser=True)
    client.force_login(superuser)
    site_history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert "Merged &#x27;Zero tolerance policies&#x27;" in site_history.content.decode()


def test_merge_keeps_the_themes_of_drafts_awaiting_review(programme_team_client, themes):
    project = themes["only_typo"]
    project = ProjectPage.objects.get(pk=project.pk)
    project.themes.add(themes["policies"])
    draft_finding = Finding(
        headline="A finding only in the draft.",
        evidence_type=EvidenceType.SURVEY,
        confidence=Confidence.EMERGING,
    )
    draft_finding.themes.add(themes["policies"])
    project.findings.add(draft_finding)
    project.save_revision()

    post_merge(programme_team_client, [themes["policies"]], themes["keep"])

    draft = ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object()
    assert sorted(t.name for t in draft.themes.all()) == ["Zero tolerance", "Zero tolerence"]
    [draft_finding] = [f for f in draft.findings.all() if f.headline.startswith("A finding only")]
    assert [t.name for t in draft_finding.themes.all()] == ["Zero tolerance"]


def test_merging_a_theme_into_itself_is_refused(programme_team_client, themes):
    response = post_merge(programme_team_client, [themes["keep"], themes["typo"]], themes["keep"])
    assert response.status_code == 200
    assert response.context["form"].errors["themes"] == [
        "'Zero tolerance' is the theme you are keeping: untick it in the list of themes to merge."
    ]
    assert Theme.objects.count() == 3


def test_merge_without_choices_explains_what_is_missing(programme_team_client, themes):
    response = programme_team_client.post(MERGE_URL, {})
    assert response.context["form"].errors == {
        "themes": ["Choose at least one theme to merge."],
        "target": ["Choose the theme to keep."],
    }


@pytest.mark.parametrize(
    "codenames",
    [(), ("add_theme", "change_theme")],
    ids=["admin access only", "may edit but not delete themes"],
)
def test_merging_is_forbidden_without_the_programme_teams_permissions(client, themes, codenames):
    login(client, "someone", *codenames)
    assert client.get(MERGE_URL).status_code == 403
    response = post_merge(client, [themes["typo"]], themes["keep"])
    assert response.status_code == 403
    assert Theme.objects.count() == 3
    assert theme_names(themes["only_typo"]) == ["Zero tolerence"]
    assert "Merge themes" not in client.get(THEMES_URL).content.decode()


def test_superuser_can_merge(client, themes):
    superuser = UserFactory(username="root", is_superuser=True)
    client.force_login(superuser)
    assert post_merge(client, [themes["typo"]], themes["keep"]).status_code == 302
    assert not Theme.objects.filter(name="Zero tolerence").exists()


def test_confirming_a_merge_of_a_theme_deleted_meanwhile_explains_itself(
    programme_team_client, themes
):
    gone_pk = themes["typo"].pk
    themes["typo"].delete()
    response = programme_team_client.post(
        MERGE_URL, {"themes": [gone_pk], "target": themes["keep"].pk, "confirm": "1"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["themes"] == [
        "One of the chosen themes no longer exists: it may have been merged or deleted already. "
        "Choose again."
    ]


def test_merge_with_nonsense_ids_is_refused_without_an_error_page(programme_team_client, themes):
    response = programme_team_client.post(
        MERGE_URL, {"themes": ["abc"], "target": "xyz", "confirm": "1"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"themes", "target"}
    assert Theme.objects.count() == 3


def bulk_merge_url(*themes):
    url = reverse("wagtail_bulk_action", args=["projects", "theme", "merge"])
    return url + "?" + "&".join(f"id={t.pk}" for t in themes)


def test_merge_chosen_from_the_listing_opens_the_form_with_those_themes(
    programme_team_client, themes
):
    response = programme_team_client.get(bulk_merge_url(themes["policies"], themes["typo"]))
    assert response.status_code == 302
    form = programme_team_client.get(response.url).context["form"]
    assert set(form["themes"].initial) == {themes["policies"], themes["typo"]}
    assert "data-bulk-action-button" in programme_team_client.get(THEMES_URL).content.decode()


def test_merge_chosen_from_the_listing_is_forbidden_to_others(client, themes):
    login(client, "someone", "change_theme")
    assert client.get(bulk_merge_url(themes["typo"])).status_code == 403
