from django.apps import AppConfig


class ReuseConfig(AppConfig):
    """Ways for others to reuse the programme's work: API, feeds, citations, reuse reports."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reuse"
    verbose_name = "Reuse"
