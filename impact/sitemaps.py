""" "Our impact" in the sitemap, once the programme team has published a figure on it."""

from django.db.models import Max
from django.urls import reverse

from crawlers.sitemaps import SiteAddressSitemap
from impact.models import PublishedFigure
from impact.views import published_slugs


class OurImpactSitemap(SiteAddressSitemap):
    """The "Our impact" page while it shows at least one figure; nothing while it shows none."""

    def items(self):
        return ["our_impact"] if published_slugs() else []

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return PublishedFigure.objects.aggregate(latest=Max("published_at"))["latest"]


SECTIONS = {"impact": OurImpactSitemap}
