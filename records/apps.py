from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Import and export of the fellowship's records in the format "fellowship-import/1".

    The format contract is ``../shared/import-format.md``; ``records.importers`` reads and writes
    it (``workbook`` describes the .xlsx layout), ``records.exporters`` writes the site out in it,
    and the ``import_fellowship`` and ``export_fellowship`` commands wrap both for files.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "records"
    verbose_name = "Records"
