from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    """Projects, their findings and evidence ratings, and themes."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"

    def ready(self):
        from projects.rating_checks import register_signal_handlers

        register_signal_handlers()
