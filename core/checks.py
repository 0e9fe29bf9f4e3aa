"""System checks for what a deployment needs beyond its settings."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.checks import Error, Tags, register
from django.db import connections, router


@register(Tags.database, Tags.caches, deploy=True)
def check_cache_tables(app_configs=None, databases=None, **kwargs):
    """Report a database cache whose table has not been created.

    Sign-in throttling and the rate limits keep their counts in the cache; without its table
    every sign-in and search would fail. Like Django's own database checks this only looks at
    the databases it is given (``check --deploy --database default``), so that ``migrate``
    can still run on an empty database.
    """
    errors = []
    for alias in settings.CACHES:
        cache = caches[alias]
        if not isinstance(cache, DatabaseCache):
            continue
        for database in databases or []:
            if not router.allow_migrate_model(database, cache.cache_model_class):
                continue
            connection = connections[database]
            with connection.cursor() as cursor:
                tables = connection.introspection.table_names(cursor)
            if cache._table not in tables:
                errors.append(
                    Error(
                        f"The cache table “{cache._table}” (cache “{alias}”) is missing from the "
                        f"“{database}” database, so sign-in throttling and rate limits cannot work.",
                        hint="Run `python manage.py createcachetable` after `migrate`.",
                        id="core.E001",
                    )
                )
    return errors
