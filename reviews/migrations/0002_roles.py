"""The three roles as groups: Fellows, Mentors and Programme team, with their Wagtail permissions.

Idempotent: groups, permissions and grants are fetched or created, never duplicated, so the import
and demo commands may also get_or_create these groups by name.
"""

from django.db import migrations

PAGE_ACTIONS_PROGRAMME_TEAM = ["add", "change", "publish", "lock", "unlock", "delete", "bulk_delete"]
PAGE_ACTIONS_FELLOWS = ["add", "change"]
MODEL_ACTIONS = ["add", "change", "delete", "view"]
MANAGED_MODELS = [("cohorts", "fellow"), ("cohorts", "mentor"), ("projects", "theme")]
COLLECTION_ACTIONS_PROGRAMME_TEAM = ["add", "change", "delete", "choose"]
COLLECTION_ACTIONS_FELLOWS = ["add", "choose"]


def permission(apps, app_label, model, codename, verbose_name=None):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {verbose_name or model}"},
    )
    return perm


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    fellows, _ = Group.objects.get_or_create(name="Fellows")
    mentors, _ = Group.objects.get_or_create(name="Mentors")
    team, _ = Group.objects.get_or_create(name="Programme team")

    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin", "the Wagtail admin")
    for group in (fellows, mentors, team):
        group.permissions.add(access_admin)

    for app_label, model in MANAGED_MODELS:
        for action in MODEL_ACTIONS:
            team.permissions.add(permission(apps, app_label, model, f"{action}_{model}"))

    def grant_pages(group, page, actions):
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=permission(apps, "wagtailcore", "page", f"{action}_page"),
            )

    home = Page.objects.filter(depth=2, content_type__app_label="core").first()
    if home is not None:
        grant_pages(team, home, PAGE_ACTIONS_PROGRAMME_TEAM)
    cohort_index = Page.objects.filter(
        content_type__app_label="cohorts", content_type__model="cohortindexpage"
    ).first()
    if cohort_index is not None:
        # Broad on purpose: reviews.permissions narrows it to a fellow's own cohort and projects.
        grant_pages(fellows, cohort_index, PAGE_ACTIONS_FELLOWS)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
            for group, actions in (
                (team, COLLECTION_ACTIONS_PROGRAMME_TEAM),
                (fellows, COLLECTION_ACTIONS_FELLOWS),
            ):
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=permission(apps, app_label, model, f"{action}_{model}"),
                    )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("core", "0002_site_tree"),
        ("cohorts", "0001_initial"),
        ("projects", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
