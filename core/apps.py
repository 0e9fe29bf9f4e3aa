from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide pieces: the home page, demo content, security headers and deployment checks."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self):
        from core import checks  # noqa: F401 - registers the system checks
