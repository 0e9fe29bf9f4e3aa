"""The sitemap: Wagtail's live public pages, plus findings, themes and fellows' profiles."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from cohorts.models import CohortPage, Fellow
from projects.models import Finding, ProjectPage, Theme


class SiteAddressSitemap(DjangoSitemap):
    """Addresses on the same scheme and host as Wagtail's page entries (the Wagtail site's root)."""

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
        return Finding.objects.public().select_related("page").order_by("page_id", "sort_order")

    def location(self, finding):
        return finding.get_permalink()

    def lastmod(self, finding):
        return finding.page.last_published_at


class ThemeSitemap(SiteAddressSitemap):
    """Themes that have public projects or findings, or a description the team chose to publish."""

    def items(self):
        public_projects = ProjectPage.objects.live().public()
        return (
            Theme.objects.filter(
                Q(tagged_projects__content_object__in=public_projects)
                | Q(tagged_findings__content_object__in=Finding.objects.public())
                | ~Q(description="")
            )
            .distinct()
            .order_by("name")
        )


class FellowSitemap(SiteAddressSitemap):
    """Profiles of fellows with a public project or in a published cohort."""

    def items(self):
        return (
            Fellow.objects.filter(
                Q(projects__in=ProjectPage.objects.live().public())
                | Q(cohort__in=CohortPage.objects.live().public())
            )
            .distinct()
            .order_by("slug")
        )


def sitemap(request):
    """/sitemap.xml: every live public page, finding, theme and fellow's profile."""
    sitemaps = {
        "pages": PageSitemap(request),
        "findings": FindingSitemap(request),
        "themes": ThemeSitemap(request),
        "fellows": FellowSitemap(request),
    }
    return sitemap_views.sitemap(request, sitemaps)
