"""The full-text index over ``IndexEntry``: FTS5 on SQLite, a weighted tsvector on PostgreSQL,
then the entries of the site's live, public projects and findings."""

from django.db import migrations

from search.backends.database.index import (
    POSTGRESQL_CREATE,
    POSTGRESQL_DROP,
    SQLITE_CREATE,
    SQLITE_DROP,
)


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, ()):
            schema_editor.execute(statement)

    return run


def fill(apps, schema_editor):
    # The site's own models, not the historical ones: an entry needs a write-up's plain text,
    # which only the StreamField's blocks can give.
    from search.backends.database.index import rebuild

    rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("fellowship_search", "0003_database_text_entries"),
        ("projects", "__latest__"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
