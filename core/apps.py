from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide pieces: the home page, vocabularies, roles, security headers and deployment checks."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self):
        from django.db.models.signals import post_migrate

        from core import (
            checks,  # noqa: F401 - registers the system checks
            signin,  # noqa: F401 - connects the sign-in policy's signal receiver
            spreadsheets,
        )
        from core.database import analyse_after_migrate

        spreadsheets.install()

        post_migrate.connect(analyse_after_migrate, sender=self, dispatch_uid="core-analyse")
