"""Undoing a theme merge from the merge history: the themes and their taggings come back."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import ModelLogEntry

import pytest

from projects.models import FindingTheme, ProjectPage, ProjectPageTheme, Theme
from tests.factories import FindingFactory, ProjectPageFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

MERGE_URL = reverse("wagtailsnippets_projects_theme:merge")
HISTORY_URL = reverse("wagtailsnippets_projects_theme:merge_history")
THEMES_URL = reverse("wagtailsnippets_projects_theme:list")


@pytest.fixture
def themes(db):
    """'Zero tolerance' (kept, no description) and two near-duplicates on projects and findings."""
    keep = ThemeFactory(name="Zero tolerance", slug="zero-tolerance", description="")
    policies = ThemeFactory(
        name="Zero tolerance policies",
        slug="zero-tolerance-policies",
        description="Policies that punish every lapse.",
    )
    typo = ThemeFactory(name="Zero tolerence", slug="zero-tolerence", description="")
    both = ProjectPageFactory(title="Tagged with both", themes=[keep, policies])
    only_policies = ProjectPageFactory(title="Tagged with policies", themes=[policies])
    only_typo = ProjectPageFactory(title="Tagged with the typo", themes=[typo])
    finding = FindingFactory(page=only_policies)
    finding.themes.add(policies, keep)
    finding.save()
    other_finding = FindingFactory(page=only_typo)
    other_finding.themes.add(typo)
    other_finding.save()
    return locals()


def merge(client, sources, target):
    data = {"themes": [t.pk for t in sources], "target": target.pk, "confirm": "1"}
    response = client.post(MERGE_URL, data)
    assert response.status_code == 302
    return ModelLogEntry.objects.filter(action="fellowship.theme_merge").latest("pk")


def undo_url(entry):
    return reverse("wagtailsnippets_projects_theme:merge_undo", args=[entry.pk])


def names(objects):
    return sorted(theme.name for theme in objects)


def project_themes(project):
    return names(ProjectPage.objects.get(pk=project.pk).themes.all())


def test_undo_brings_back_the_themes_with_their_projects_and_findings(
    programme_team_client, themes
):
    entry = merge(programme_team_client, [themes["policies"], themes["typo"]], themes["keep"])
    assert Theme.objects.count() == 1

    assert HISTORY_URL in programme_team_client.get(THEMES_URL).content.decode()
    history = programme_team_client.get(HISTORY_URL).content.decode()
    assert "Undo merge" in history and undo_url(entry) in history
    confirm = programme_team_client.get(undo_url(entry))
    assert confirm.status_code == 200
    assert "Zero tolerance policies" in confirm.content.decode()
    assert Theme.objects.count() == 1  # the confirmation changes nothing

    response = programme_team_client.post(undo_url(entry))

    assert response.status_code == 302
    policies = Theme.objects.get(slug="zero-tolerance-policies")
    typo = Theme.objects.get(slug="zero-tolerence")
    assert (policies.name, policies.description) == (
        "Zero tolerance policies",
        "Policies that punish every lapse.",
    )
    assert typo.name == "Zero tolerence"
    assert project_themes(themes["both"]) == ["Zero tolerance", "Zero tolerance policies"]
    assert project_themes(themes["only_policies"]) == ["Zero tolerance policies"]
    assert project_themes(themes["only_typo"]) == ["Zero tolerence"]
    assert names(themes["finding"].themes.all()) == ["Zero tolerance", "Zero tolerance policies"]
    assert names(themes["other_finding"].themes.all()) == ["Zero tolerence"]
    # The description the merge copied onto the kept theme goes back with its theme.
    assert Theme.objects.get(pk=themes["keep"].pk).description == ""


def test_undone_themes_have_their_pages_back_without_a_redirect(
    client, programme_team_client, themes, home
):
    entry = merge(programme_team_client, [themes["typo"]], themes["keep"])
    programme_team_client.post(undo_url(entry))
    client.logout()

    response = client.get("/themes/zero-tolerence/")

    assert response.status_code == 200
    assert not Redirect.objects.filter(old_path="/themes/zero-tolerence").exists()


def test_undo_is_in_the_audit_log_and_cannot_be_repeated(
    programme_team_client, programme_team, themes
):
    entry = merge(programme_team_client, [themes["typo"]], themes["keep"])
    programme_team_client.post(undo_url(entry))

    undo = ModelLogEntry.objects.get(action="fellowship.theme_merge_undo")
    assert undo.user == programme_team
    assert undo.data == {"merge_entry": entry.pk, "restored": ["Zero tolerence"]}
    assert undo.message == "Undid a merge: 'Zero tolerence' restored"
    assert "already been undone" in programme_team_client.get(HISTORY_URL).content.decode()

    again = programme_team_client.post(undo_url(entry), follow=True)

    assert "already been undone" in again.content.decode()
    assert Theme.objects.filter(name="Zero tolerence").count() == 1
    assert ModelLogEntry.objects.filter(action="fellowship.theme_merge_undo").count() == 1


def test_undo_puts_the_theme_back_in_a_draft_waiting_for_review(programme_team_client, themes):
    project = themes["only_typo"]
    draft = ProjectPage.objects.get(pk=project.pk)
    draft.summary = "A draft summary."
    draft.save_revision()
    entry = merge(programme_team_client, [themes["typo"]], themes["keep"])
    assert names(project.get_latest_revision_as_object().themes.all()) == ["Zero tolerance"]

    programme_team_client.post(undo_url(entry))

    revision = ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object()
    assert names(revision.themes.all()) == ["Zero tolerence"]


def test_undo_is_refused_when_another_theme_took_the_name(programme_team_client, themes):
    entry = merge(programme_team_client, [themes["typo"]], themes["keep"])
    ThemeFactory(name="Zero Tolerence", slug="zero-tolerence-again")

    assert "Rename that theme first" in programme_team_client.get(undo_url(entry)).content.decode()
    response = programme_team_client.post(undo_url(entry), follow=True)

    assert "Rename that theme first" in response.content.decode()
    assert project_themes(themes["only_typo"]) == ["Zero tolerance"]
    assert not ModelLogEntry.objects.filter(action="fellowship.theme_merge_undo").exists()


def test_undo_is_refused_once_the_kept_theme_was_merged_away(programme_team_client, themes):
    first = merge(programme_team_client, [themes["typo"]], themes["keep"])
    merge(programme_team_client, [themes["keep"]], themes["policies"])

    response = programme_team_client.get(undo_url(first))

    assert "no longer exists" in response.content.decode()
    assert not Theme.objects.filter(slug="zero-tolerence").exists()


def test_only_those_who_may_merge_can_see_or_undo_merges(client, programme_team_client, themes):
    entry = merge(programme_team_client, [themes["typo"]], themes["keep"])
    editor = UserFactory(username="editor")
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_theme"),
    )
    client.force_login(editor)

    assert client.get(HISTORY_URL).status_code == 403
    assert client.post(undo_url(entry)).status_code == 403
    assert HISTORY_URL not in client.get(THEMES_URL).content.decode()
    assert not Theme.objects.filter(slug="zero-tolerence").exists()
    assert ProjectPageTheme.objects.filter(tag=themes["keep"]).count() == 2
    assert FindingTheme.objects.filter(tag=themes["keep"]).count() == 2


def test_undo_asks_search_to_reindex_every_project_whose_themes_came_back(
    programme_team_client, themes, monkeypatch
):
    entry = merge(programme_team_client, [themes["policies"], themes["typo"]], themes["keep"])
    queued = []
    monkeypatch.setattr(
        "search.live.enqueue_projects", lambda page_ids, *args: queued.extend(page_ids)
    )

    programme_team_client.post(undo_url(entry))

    assert queued == sorted(
        project.pk for project in (themes["both"], themes["only_policies"], themes["only_typo"])
    )
