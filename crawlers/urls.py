"""Addresses for search engines' crawlers: robots.txt and the sitemap."""

from django.urls import path

from crawlers.robots import robots_txt
from crawlers.sitemaps import sitemap_index, sitemap_section

urlpatterns = [
    path("robots.txt", robots_txt, name="crawlers_robots"),
    path("sitemap.xml", sitemap_index, name="crawlers_sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="crawlers_sitemap_section"),
]
