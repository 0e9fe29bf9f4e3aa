from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    """Projects, their findings and evidence ratings, and themes."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"

    def ready(self):
        from core import home
        from projects import home as projects_home

        home.register("latest_findings", projects_home.latest_findings)
        home.register("themes", projects_home.themes)
