from django.apps import AppConfig


class CrawlersConfig(AppConfig):
    """What search engines read: robots.txt and the sitemap of public pages and findings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "crawlers"
    verbose_name = "Crawlers"
