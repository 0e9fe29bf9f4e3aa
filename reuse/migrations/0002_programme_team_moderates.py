"""The programme team moderates reports of findings being used: it may view, change and delete them."""

from django.db import migrations

ACTIONS = ["view", "change", "delete"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    team, _ = Group.objects.get_or_create(name="Programme team")
    content_type, _ = ContentType.objects.get_or_create(app_label="reuse", model="findinguse")
    for action in ACTIONS:
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_findinguse",
            defaults={"name": f"Can {action} finding use"},
        )
        team.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("reuse", "0001_initial"),
        ("reviews", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
