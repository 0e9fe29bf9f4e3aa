"""Deleted items' models moved from ``cohorts`` to ``trash``: a database made before the move keeps
its deleted pages, their records and their page type."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

BEFORE = [("cohorts", "0002_deleted_items"), ("trash", None)]
AFTER = [("cohorts", "0003_deleted_items_moved_to_trash"), ("trash", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The models as they stood at those migrations (an app taken back to zero has none).
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_deletion_recorded_before_the_move_is_there_after_it():
    old = migrate(BEFORE)
    ContentType = old.get_model("contenttypes", "ContentType")
    Page = old.get_model("wagtailcore", "Page")
    holding_type, _ = ContentType.objects.get_or_create(
        app_label="cohorts", model="deleteditemspage"
    )
    page = Page.objects.get(depth=2)
    old.get_model("cohorts", "DeletedPage").objects.create(page=page, original_slug="was-here")

    try:
        new = migrate(AFTER)

        record = new.get_model("trash", "DeletedPage").objects.get()
        assert record.page_id == page.pk and record.original_slug == "was-here"
        moved_type = new.get_model("contenttypes", "ContentType").objects.get(pk=holding_type.pk)
        assert (moved_type.app_label, moved_type.model) == ("trash", "deleteditemspage")
        assert "trash_deletedpage" in connection.introspection.table_names()
        assert "cohorts_deletedpage" not in connection.introspection.table_names()
    finally:
        new = migrate(AFTER)
        new.get_model("trash", "DeletedPage").objects.all().delete()
