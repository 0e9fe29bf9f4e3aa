from django.apps import AppConfig


class SharingConfig(AppConfig):
    """Links that show one draft of a project to a reviewer without an account, and their comments."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "sharing"
    verbose_name = "Sharing for review"

    def ready(self):
        from projects.panels import register_editor_section
        from sharing.panels import share_section

        register_editor_section(share_section)
