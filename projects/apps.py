from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    """Projects, their findings and evidence ratings, and themes."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
