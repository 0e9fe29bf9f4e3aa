from django.apps import AppConfig


class CohortsConfig(AppConfig):
    """Cohorts, their fellows and mentors."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "cohorts"

    def ready(self):
        from cohorts import home as cohorts_home
        from core import home

        home.register("cohorts", cohorts_home.cohorts)
