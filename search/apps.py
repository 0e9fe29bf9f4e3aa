from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site search: query parsing, backends and the Elasticsearch indices."""

    label = "fellowship_search"
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"

    def ready(self):
        from search import checks  # noqa: F401 - registers the checks
        from search.signals import connect

        connect()
