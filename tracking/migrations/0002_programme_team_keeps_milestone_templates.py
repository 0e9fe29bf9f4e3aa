"""The programme team keeps each cohort's milestone templates: it may add, change, delete and view them."""

from django.db import migrations

ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    team, _ = Group.objects.get_or_create(name="Programme team")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="tracking", model="milestonetemplate"
    )
    for action in ACTIONS:
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_milestonetemplate",
            defaults={"name": f"Can {action} milestone template"},
        )
        team.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0001_initial"),
        ("reviews", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
