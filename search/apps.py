from django.apps import AppConfig


class SearchConfig(AppConfig):
    label = "fellowship_search"
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
