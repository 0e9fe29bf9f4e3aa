"""The query planner's statistics are gathered after anything that fills the database at once."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection

import pytest

from projects.models import Finding, ProjectPage
from tests.factories import FindingFactory

pytestmark = pytest.mark.django_db

DEMO = Path(settings.BASE_DIR).parent / "shared" / "examples" / "demo.json"


def rows_the_planner_expects():
    """How many findings the planner believes there are, or None if it has no figure."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'projects_finding'")
            row = cursor.fetchone()
            return int(row[0].split()[0]) if row else None
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'projects_finding'")
        value = cursor.fetchone()[0]
        return None if value < 0 else int(value)


def test_an_import_leaves_the_planner_knowing_how_big_the_site_is(home):
    before = rows_the_planner_expects()

    call_command("import_fellowship", str(DEMO), verbosity=0, stderr=StringIO())

    assert Finding.objects.count() not in (0, before)
    assert rows_the_planner_expects() == Finding.objects.count()


def test_a_dry_run_changes_nothing_not_even_the_statistics(home):
    before = rows_the_planner_expects()

    call_command("import_fellowship", str(DEMO), "--dry-run", verbosity=0, stderr=StringIO())

    assert rows_the_planner_expects() == before


def test_migrate_gathers_them_too(home):
    call_command("import_fellowship", str(DEMO), verbosity=0, stderr=StringIO())
    FindingFactory.create_batch(5, page=ProjectPage.objects.first())
    assert rows_the_planner_expects() == Finding.objects.count() - 5

    call_command("migrate", verbosity=0)

    assert rows_the_planner_expects() == Finding.objects.count()
