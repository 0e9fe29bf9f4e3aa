from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The programme dashboard: how the fellowship is doing, for the programme team."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboard"
    verbose_name = "Programme dashboard"
