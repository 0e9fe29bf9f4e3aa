"""/robots.txt: what crawlers may fetch, and where the sitemap (``crawlers/sitemaps.py``) is."""

from django.http import HttpResponse
from django.urls import reverse


def robots_txt(request):
    """/robots.txt: crawl the site but not the admin, searches or the API; the sitemap's address."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Every combination of filters is an address: crawlers would never reach the end.
        "Disallow: /search/",
        "Disallow: /api/",
        # Drafts shared for review: each answer says noindex too, for crawlers that ignore this.
        "Disallow: /share/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('crawlers_sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
