"""The sitemap: Wagtail's live public pages, plus findings, themes and fellows' profiles.

``/sitemap.xml`` is an index of sections (``/sitemap-<section>.xml``), each in pages of
``SECTION_SIZE`` addresses (``?p=2``...): a catalogue of 100,000 findings is more than the 50,000
addresses one sitemap file may hold, and a page of a few thousand is quick to build and fetch.
"""

from functools import cache
from importlib import import_module
from urllib.parse import urlsplit

from django.apps import apps
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, Q
from django.utils.module_loading import module_has_submodule

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from cohorts.models import Fellow
from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme, Theme

# Addresses in one page of a section.
SECTION_SIZE = 5000


class PageSitemap(WagtailSitemap):
    """Every live public page, by Wagtail (each page's own ``get_sitemap_urls``)."""

    limit = SECTION_SIZE

    def get_latest_lastmod(self):
        # For the index: one query, rather than every page loaded to compare their dates.
        site = self.get_wagtail_site()
        pages = site.root_page.get_descendants(inclusive=True).live().public()
        return pages.aggregate(latest=Max("last_published_at"))["latest"]


class SiteAddressSitemap(DjangoSitemap):
    """Addresses on the same scheme and host as Wagtail's page entries (the Wagtail site's root)."""

    limit = SECTION_SIZE

    def __init__(self, request=None):
        self.request = request
        self.root = urlsplit(PageSitemap(request).get_wagtail_site().root_url)

    def get_protocol(self, protocol=None):
        return self.root.scheme

    def get_domain(self, site=None):
        return self.root.netloc


class FindingSitemap(SiteAddressSitemap):
    """Each finding's own page, for findings of live public projects."""

    def items(self):
        # A project's write-up and notes are not needed for its findings' addresses.
        return (
            Finding.objects.public()
            .select_related("page")
            .defer("page__body", "page__mentor_notes")
            .order_by("page_id", "sort_order")
        )

    def location(self, finding):
        # With the request, Wagtail reads the site's root paths once for the whole page.
        return finding.get_permalink(self.request)

    def lastmod(self, finding):
        return finding.page.last_published_at

    def get_latest_lastmod(self):
        latest = Finding.objects.public().aggregate(latest=Max("page__last_published_at"))
        return latest["latest"]


class ThemeSitemap(SiteAddressSitemap):
    """Themes that have public projects or findings, or a description the team chose to publish."""

    def items(self):
        # A subquery per tag table: one OR across both joins made the database pair every
        # project of a theme with every finding of it before removing the repeats (a minute at
        # 100,000 findings).
        on_projects = ProjectPageTheme.objects.filter(
            content_object__in=ProjectPage.objects.live().public()
        )
        on_findings = FindingTheme.objects.filter(content_object__in=Finding.objects.public())
        return Theme.objects.filter(
            Q(pk__in=on_projects.values("tag"))
            | Q(pk__in=on_findings.values("tag"))
            | ~Q(description="")
        ).order_by("name")


class FellowSitemap(SiteAddressSitemap):
    """Profiles of fellows with a public project or in a published cohort."""

    def items(self):
        return Fellow.objects.public().order_by("slug")


@cache
def _app_sections():
    """Sections other apps add, without this app knowing them: an app with a ``sitemaps`` module
    whose ``SECTIONS`` maps section names to sitemap classes (``impact/sitemaps.py``)."""
    sections = {}
    for config in apps.get_app_configs():
        if config.name == __package__ or not module_has_submodule(config.module, "sitemaps"):
            continue
        sections.update(getattr(import_module(f"{config.name}.sitemaps"), "SECTIONS", {}))
    return sections


def _sitemaps(request):
    return {
        "pages": PageSitemap(request),
        "findings": FindingSitemap(request),
        "themes": ThemeSitemap(request),
        "fellows": FellowSitemap(request),
        **{name: sitemap(request) for name, sitemap in _app_sections().items()},
    }


def sitemap_index(request):
    """/sitemap.xml: the address of every page of every section."""
    return sitemap_views.index(
        request, _sitemaps(request), sitemap_url_name="crawlers_sitemap_section"
    )


def sitemap_section(request, section):
    """/sitemap-<section>.xml?p=N: live public pages, findings, themes or fellows' profiles.

    An unknown section or page number is a 404, as Django's sitemap views answer.
    """
    return sitemap_views.sitemap(request, _sitemaps(request), section=section)
