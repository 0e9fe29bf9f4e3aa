"""The sitemap lists live public pages, findings, themes and fellows; never drafts or private pages."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")]


def test_sitemap_lists_projects_findings_themes_and_fellows(client, project):
    urls = locations(client)

    assert "http://localhost/" in urls
    assert f"http://localhost{project.url}" in urls
    for finding in project.findings.all():
        assert f"http://localhost{finding.get_permalink()}" in urls
    assert "http://localhost/themes/belonging/" in urls
    fellow = project.fellows.get()
    assert f"http://localhost/fellows/{fellow.slug}/" in urls


def test_drafts_private_pages_and_their_findings_are_left_out(
    client, project, draft_project, private_project
):
    urls = locations(client)
    joined = "\n".join(urls)

    for page in (draft_project, private_project):
        assert not any(url.endswith(page.url or f"/{page.slug}/") for url in urls)
        assert f"/{page.slug}/" not in joined
    assert f"http://localhost{project.url}" in urls


def test_themes_used_only_by_drafts_are_left_out(client, draft_project):
    secret = ThemeFactory(name="Secret", slug="secret")
    draft_project.themes.add(secret)
    draft_project.save()

    assert "http://localhost/themes/secret/" not in locations(client)


def test_sitemap_keeps_the_published_address_when_a_draft_renames_the_slug(client, project):
    draft = project.specific
    draft.slug = "renamed-in-draft"
    draft.save_revision()

    urls = "\n".join(locations(client))
    assert "/warm-letters/" in urls
    assert "renamed-in-draft" not in urls
