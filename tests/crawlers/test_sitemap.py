"""The sitemap lists live public pages, findings, themes and fellows; never drafts or private pages."""

import xml.etree.ElementTree as ET

import pytest

from crawlers.sitemaps import FindingSitemap, PageSitemap
from tests.factories import FindingFactory, ThemeFactory
from tests.sitemaps import sitemap_urls

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client):
    return sitemap_urls(client)


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


def test_the_sitemap_is_an_index_of_sections_in_pages(client, project, monkeypatch):
    for number in range(3):
        FindingFactory(page=project, headline=f"Extra finding {number}.")
    monkeypatch.setattr(FindingSitemap, "limit", 2)
    monkeypatch.setattr(PageSitemap, "limit", 4)

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    root = ET.fromstring(index.content)
    assert root.tag == f"{NS}sitemapindex"
    files = [loc.text for loc in root.iter(f"{NS}loc")]
    findings = project.findings.count()
    assert [f for f in files if "findings" in f] == [
        "http://testserver/sitemap-findings.xml",
        *(f"http://testserver/sitemap-findings.xml?p={n}" for n in range(2, (findings + 3) // 2)),
    ]
    assert "http://testserver/sitemap-pages.xml?p=2" in files
    # Every finding once, across the pages.
    urls = locations(client)
    permalinks = [u for u in urls if "/findings/" in u]
    assert sorted(permalinks) == sorted(
        f"http://localhost{finding.get_permalink()}" for finding in project.findings.all()
    )
    assert len(urls) == len(set(urls))


@pytest.mark.parametrize(
    "path", ["/sitemap-nothing.xml", "/sitemap-findings.xml?p=abc", "/sitemap-findings.xml?p=99"]
)
def test_an_unknown_section_or_page_is_not_found(client, project, path):
    assert client.get(path).status_code == 404


def test_a_page_of_findings_costs_the_same_queries_however_many_it_lists(
    client, project, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap-findings.xml").status_code == 200
        return len(captured)

    queries()  # the site's root paths, content types
    few = queries()
    for number in range(10):
        FindingFactory(page=project, headline=f"Extra finding {number}.")
    assert queries() == few


def test_robots_txt_points_crawlers_at_the_sitemap_and_away_from_searches(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /search/", "Disallow: /api/"} <= set(lines)
