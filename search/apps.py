from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site search: query parsing, backends and the Elasticsearch indices."""

    label = "fellowship_search"
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"

    def ready(self):
        from core.health import register_search_check
        from search import checks  # noqa: F401 - registers the checks
        from search.health import search_status
        from search.signals import connect

        connect()
        register_search_check(search_status)
