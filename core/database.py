"""Keeping the database's own statistics current.

Both SQLite and PostgreSQL choose how to run each query from statistics about the tables. SQLite
gathers none unless asked: on a site filled by an import, a search over 100,000 findings took
five minutes with none, and four seconds with them, the same query planned the other way round.
PostgreSQL gathers them in the background, but only after a while. So they are gathered after
everything that fills the database at once: migrations (every deployment runs them), the import
command, the demo content and the benchmark generator.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def analyse(using=DEFAULT_DB_ALIAS):
    """Gather the query planner's statistics for every table (a second or so at 100,000
    findings)."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")


def analyse_after_migrate(sender, using=DEFAULT_DB_ALIAS, plan=None, **kwargs):
    """``post_migrate``, connected for one app so that a migrate analyses once."""
    analyse(using)
