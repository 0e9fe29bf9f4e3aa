"""Deleted items' models now belong to ``trash`` (see ``trash.0001_initial``, which moved their
tables and content types); this drops them from this app's state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0002_deleted_items"),
        ("trash", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="DeletedPage"),
                migrations.DeleteModel(name="DeletedItemsPage"),
            ],
        ),
    ]
