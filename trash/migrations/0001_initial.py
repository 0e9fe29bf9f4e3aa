"""Deleted items' models come to this app from ``cohorts``, with their rows.

The tables were made by ``cohorts.0002_deleted_items``. This migration takes the models into this
app's state as they are, renames their tables to this app's names, and moves their content types
(and so their permissions and every page's type) from ``cohorts`` to ``trash``;
``cohorts.0003_deleted_items_moved_to_trash`` then drops them from ``cohorts``' state.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["deleteditemspage", "deletedpage"]


def move_content_types(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    # A content type made for the target before (by a run that stopped half-way) would clash.
    ContentType.objects.filter(app_label=target, model__in=MODELS).delete()
    ContentType.objects.filter(app_label=source, model__in=MODELS).update(app_label=target)


def forwards(apps, schema_editor):
    move_content_types(apps, schema_editor, "cohorts", "trash")


def backwards(apps, schema_editor):
    move_content_types(apps, schema_editor, "trash", "cohorts")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cohorts", "0002_deleted_items"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DeletedItemsPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "deleted items",
                        "verbose_name_plural": "deleted items",
                        "db_table": "cohorts_deleteditemspage",
                    },
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="DeletedPage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("original_slug", models.SlugField(blank=True, max_length=255)),
                        ("live_revisions", models.JSONField(default=dict)),
                        ("deleted_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "deleted_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "next_sibling",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "original_parent",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "page",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="deletion",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-deleted_at"],
                        "db_table": "cohorts_deletedpage",
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="deleteditemspage", table=None),
        migrations.AlterModelTable(name="deletedpage", table=None),
        migrations.RunPython(forwards, backwards),
    ]
