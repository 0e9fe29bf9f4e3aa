"""System checks for search: ``manage.py check`` (and every deploy) reports what would otherwise
only show as a search that finds less than it should."""

from django.core import checks

from search.analysis import read_synonyms


@checks.register()
def synonyms_file(app_configs, **kwargs):
    """Every line of the synonyms file that search has to leave out, by its line number."""
    return [
        checks.Error(
            problem,
            hint="Search leaves this line out until it is corrected.",
            id="fellowship_search.E001",
        )
        for problem in read_synonyms().problems
    ]


@checks.register(checks.Tags.database)
def trigram_index(app_configs, databases=None, **kwargs):
    """On PostgreSQL, whether the words of the search index have their trigram index (pg_trgm),
    which spelling suggestions read."""
    from django.db import DatabaseError, connections

    from search.backends.database.index import WORD_TABLE, has_trigram_index

    warnings = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [WORD_TABLE])
                migrated = cursor.fetchone()[0]
            missing = migrated and not has_trigram_index(connection)
        except DatabaseError:
            continue  # no database yet: migrate says so
        if missing:
            warnings.append(
                checks.Warning(
                    "PostgreSQL's pg_trgm extension could not be enabled, so spelling "
                    "suggestions (“Did you mean …?”) compare every word of the search index of "
                    "about the same length instead of using a trigram index: slower on a large "
                    "site.",
                    hint="As a database superuser run CREATE EXTENSION pg_trgm; (Debian's "
                    "postgresql package includes it), then `manage.py search_index rebuild "
                    "--database`.",
                    id="fellowship_search.W002",
                )
            )
    return warnings
