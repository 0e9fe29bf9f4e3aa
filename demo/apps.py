from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content and demo accounts (``seed_demo``): above every app, since it fills them all."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
