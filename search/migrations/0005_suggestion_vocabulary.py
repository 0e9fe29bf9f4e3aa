"""The words of the database's full-text index, for spelling suggestions: SQLite's FTS5
vocabulary, PostgreSQL's table of words with a trigram index (pg_trgm, when it can be had)."""

from django.db import migrations

from search.backends.database.index import (
    POSTGRESQL_VOCAB_CREATE,
    POSTGRESQL_VOCAB_DROP,
    SQLITE_VOCAB_CREATE,
    SQLITE_VOCAB_DROP,
    TRIGRAM_INDEX,
    add_trigram_index,
)


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


def trigrams(apps, schema_editor):
    # Without the extension (a database user who may not create it, a server without the
    # contrib modules) suggestions still work, more slowly; the system check says so.
    if schema_editor.connection.vendor == "postgresql":
        add_trigram_index(schema_editor.connection)


def no_trigrams(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The extension stays: other things may use it.
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("fellowship_search", "0004_database_text_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_VOCAB_CREATE, "postgresql": POSTGRESQL_VOCAB_CREATE}),
            _run({"sqlite": SQLITE_VOCAB_DROP, "postgresql": POSTGRESQL_VOCAB_DROP}),
        ),
        migrations.RunPython(trigrams, no_trigrams),
    ]
