from django.apps import AppConfig


class TrashConfig(AppConfig):
    """Deleted items: cohorts and projects deleted without losing them, restored or destroyed.

    ``models`` holds the holding page and the record of each deletion, ``deleted_items`` what is
    done with them.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "trash"
    verbose_name = "Deleted items"
