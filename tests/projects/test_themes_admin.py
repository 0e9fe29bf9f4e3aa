"""Themes in the admin: one theme whatever its case, autocomplete, renaming and its old addresses."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.contrib.redirects.models import Redirect

import pytest

from projects.models import ProjectPage, Theme
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FindingFactory,
    ProjectPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

THEMES_URL = reverse("wagtailsnippets_projects_theme:list")
ADD_URL = reverse("wagtailsnippets_projects_theme:add")


def edit_url(theme):
    return reverse("wagtailsnippets_projects_theme:edit", args=[theme.pk])


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


# Creating themes in the snippet form


def test_new_theme_differing_only_by_case_is_refused_beside_the_name(programme_team_client):
    ThemeFactory(name="Zero tolerance")
    response = programme_team_client.post(
        ADD_URL, {"name": "zero TOLERANCE", "slug": "", "description": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "A theme called 'Zero tolerance' already exists."
    ]
    assert "A theme called &#x27;Zero tolerance&#x27; already exists." in response.content.decode()
    assert Theme.objects.count() == 1


def test_new_theme_differing_only_by_spacing_is_refused(programme_team_client):
    ThemeFactory(name="Zero tolerance")
    response = programme_team_client.post(ADD_URL, {"name": "  Zero   tolerance ", "slug": ""})
    assert "name" in response.context["form"].errors
    assert Theme.objects.count() == 1


def test_new_theme_without_a_slug_gets_one_from_its_name(programme_team_client):
    response = programme_team_client.post(
        ADD_URL,
        {"name": "Trauma informed communications", "slug": "", "description": "Plain words."},
    )
    assert response.status_code == 302
    theme = Theme.objects.get()
    assert theme.slug == "trauma-informed-communications"
    assert theme.description == "Plain words."


def test_theme_name_with_a_comma_is_refused(programme_team_client):
    response = programme_team_client.post(ADD_URL, {"name": "Housing, homelessness", "slug": ""})
    assert "comma" in response.context["form"].errors["name"][0]
    assert not Theme.objects.exists()


def test_slug_used_by_another_theme_is_refused_beside_the_slug(programme_team_client):
    ThemeFactory(name="Belonging", slug="belonging")
    theme = ThemeFactory(name="Connection", slug="connection")
    response = programme_team_client.post(
        edit_url(theme), {"name": "Connection", "slug": "belonging"}
    )
    assert response.context["form"].errors["slug"] == [
        "Another theme already uses this address. Choose a different slug."
    ]
    theme.refresh_from_db()
    assert theme.slug == "connection"


# The listing


def test_theme_listing_counts_projects_and_findings(programme_team_client):
    theme = ThemeFactory(name="Belonging")
    project = ProjectPageFactory(themes=[theme])
    finding = FindingFactory(page=project)
    finding.themes.add(theme)
    finding.save()
    response = programme_team_client.get(THEMES_URL)
    [listed] = response.context["object_list"]
    assert (listed.project_count, listed.finding_count) == (1, 1)


@pytest.mark.parametrize(
    ("usage", "expected"),
    [("used", ["Belonging", "Zero tolerance"]), ("unused", ["Forgotten"]), ("", None)],
)
def test_theme_listing_filters_used_and_unused(programme_team_client, usage, expected):
    on_project, on_finding = ThemeFactory(name="Belonging"), ThemeFactory(name="Zero tolerance")
    ThemeFactory(name="Forgotten")
    ProjectPageFactory(themes=[on_project])
    finding = FindingFactory()
    finding.themes.add(on_finding)
    finding.save()
    response = programme_team_client.get(THEMES_URL, {"usage": usage})
    names = sorted(theme.name for theme in response.context["object_list"])
    assert names == (expected or ["Belonging", "Forgotten", "Zero tolerance"])


def test_theme_listing_searches_names(programme_team_client):
    ThemeFactory(name="Zero tolerance")
    ThemeFactory(name="Belonging")
    response = programme_team_client.get(THEMES_URL, {"q": "toler"})
    assert [t.name for t in response.context["object_list"]] == ["Zero tolerance"]


# Renaming and changing the address


def test_renaming_a_theme_keeps_its_taggings_and_its_address(programme_team_client):
    theme = ThemeFactory(name="Zero tolerence", slug="zero-tolerence")
    project = ProjectPageFactory(themes=[theme])
    finding = FindingFactory(page=project)
    finding.themes.add(theme)
    finding.save()

    response = programme_team_client.post(
        edit_url(theme), {"name": "Zero tolerance", "slug": "zero-tolerence", "description": ""}
    )

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Zero tolerance"
    assert theme.slug == "zero-tolerence"
    assert [t.name for t in ProjectPage.objects.get(pk=project.pk).themes.all()] == [
        "Zero tolerance"
    ]
    assert [t.pk for t in finding.themes.all()] == [theme.pk]
    assert not Redirect.objects.exists()


def test_renaming_to_a_different_case_of_its_own_name_is_allowed(programme_team_client):
    theme = ThemeFactory(name="zero tolerance", slug="zero-tolerance")
    response = programme_team_client.post(
        edit_url(theme), {"name": "Zero tolerance", "slug": theme.slug}
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Zero tolerance"


def test_changing_a_theme_slug_keeps_the_old_address_working(programme_team_client, client, home):
    theme = ThemeFactory(name="Zero tolerance", slug="zero-tolerence")
    ProjectPageFactory(themes=[theme])
    programme_team_client.post(
        edit_url(theme), {"name": "Zero tolerance", "slug": "zero-tolerance"}
    )
    theme.refresh_from_db()
    assert theme.slug == "zero-tolerance"

    client.logout()
    response = client.get("/themes/zero-tolerence/")
    assert response.status_code == 301
    assert response["Location"] == "/themes/zero-tolerance/"
    assert client.get(response["Location"]).status_code == 200


def test_changing_a_slug_twice_redirects_both_old_addresses_straight_to_the_new_one(client, home):
    theme = ThemeFactory(name="Zero tolerance", slug="first")
    theme.slug = "second"
    theme.save()
    theme.slug = "third"
    theme.save()
    for old in ("first", "second"):
        response = client.get(f"/themes/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/themes/third/")


def test_changing_a_slug_back_leaves_no_redirect_loop(client, home):
    theme = ThemeFactory(name="Zero tolerance", slug="zero-tolerance", description="Curated.")
    theme.slug = "zt"
    theme.save()
    theme.slug = "zero-tolerance"
    theme.save()
    assert client.get("/themes/zero-tolerance/").status_code == 200
    response = client.get("/themes/zt/")
    assert (response.status_code, response["Location"]) == (301, "/themes/zero-tolerance/")
    assert not Redirect.objects.filter(old_path="/themes/zero-tolerance").exists()


# The page editor's theme field


def test_autocomplete_finds_zero_tolerance_from_zero(superuser_client):
    ThemeFactory(name="Zero tolerance")
    ThemeFactory(name="Belonging")
    url = reverse("wagtailadmin_tag_model_autocomplete", args=["projects", "theme"])
    response = superuser_client.get(url, {"term": "zero"})
    assert response.status_code == 200
    assert response.json() == ["Zero tolerance"]


def test_project_editor_theme_fields_autocomplete_from_themes(superuser_client, home):
    project = ProjectPageFactory()
    html = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content
    url = reverse("wagtailadmin_tag_model_autocomplete", args=["projects", "theme"])
    # One for the project's themes and one in the empty finding form the editor clones.
    assert html.decode().count(f'data-w-tag-url-value="{url}"') >= 2
    assert reverse("wagtailadmin_tag_autocomplete") + '"' not in html.decode()


def formset(prefix, forms=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(forms):
        data.update({f"{prefix}-{i}-{k}": v for k, v in form.items()})
        data.update({f"{prefix}-{i}-ORDER": str(i + 1), f"{prefix}-{i}-id": ""})
    return data


def test_saving_a_project_with_a_differently_cased_theme_tags_the_existing_theme(
    superuser_client, home
):
    existing = ThemeFactory(name="Zero tolerance")
    cohort = CohortPageFactory()
    fellow = FellowFactory(cohort=cohort)
    data = {
        "title": "Can zero tolerance be trauma aware?",
        "slug": "zero-tolerance-trauma-aware",
        "summary": "Looking at zero tolerance policies.",
        "fellows": [str(fellow.pk)],
        "status": "in_progress",
        "themes": '"zero TOLERANCE", zero tolerance',
        "body-count": "0",
        "action-publish": "publish",
        **formset(
            "findings",
            [
                {
                    "headline": "Policies can be applied with care.",
                    "evidence_type": "interviews",
                    "confidence": "moderate",
                    "themes": "ZERO tolerance",
                }
            ],
        ),
        **formset("links"),
        **formset("comments"),
    }
    response = superuser_client.post(
        reverse("wagtailadmin_pages:add", args=["projects", "projectpage", cohort.pk]), data
    )
    assert response.status_code == 302, response.context["form"].errors
    project = ProjectPage.objects.get(slug="zero-tolerance-trauma-aware")
    assert project.live
    assert list(project.themes.all()) == [existing]
    assert list(project.findings.get().themes.all()) == [existing]
    assert list(Theme.objects.all()) == [existing]
