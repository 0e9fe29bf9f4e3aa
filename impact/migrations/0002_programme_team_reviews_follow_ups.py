"""The programme team reviews follow-ups: it may view and change them (they are never added by hand)."""

from django.db import migrations

ACTIONS = ["view", "change"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    team, _ = Group.objects.get_or_create(name="Programme team")
    content_type, _ = ContentType.objects.get_or_create(app_label="impact", model="followup")
    for action in ACTIONS:
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_followup",
            defaults={"name": f"Can {action} follow-up"},
        )
        team.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0001_follow_ups_and_figures"),
        ("reviews", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
