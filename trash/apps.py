from django.apps import AppConfig


class TrashConfig(AppConfig):
    """Deleted items: cohorts and projects deleted without losing them, restored or destroyed.

    The pages themselves, ``DeletedItemsPage`` and the ``DeletedPage`` records, are models of
    ``cohorts`` (their tables and migrations stay there); this app holds what is done with them.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "trash"
    verbose_name = "Deleted items"
