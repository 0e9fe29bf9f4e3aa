"""Replace Wagtail's welcome page with the Fellowship Hub tree: home, cohorts and events."""

from django.db import migrations


def create_tree(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("core.HomePage")
    CohortIndexPage = apps.get_model("cohorts.CohortIndexPage")
    EventIndexPage = apps.get_model("events.EventIndexPage")
    Locale = apps.get_model("wagtailcore.Locale")

    locale = Locale.objects.order_by("pk").first()
    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    root = Page.objects.get(depth=1)

    def ct(model):
        return ContentType.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )[0]

    home = HomePage.objects.create(
        title="Fellowship Hub", draft_title="Fellowship Hub", slug="home",
        content_type=ct(HomePage), path=f"{root.path}0002", depth=2, numchild=2,
        url_path="/home/", locale=locale, live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    CohortIndexPage.objects.create(
        title="Cohorts", draft_title="Cohorts", slug="cohorts", content_type=ct(CohortIndexPage),
        path=f"{home.path}0001", depth=3, numchild=0, url_path="/home/cohorts/", locale=locale,
        live=True, introduction="Each year's class of fellows and the projects they ran.",
    )
    EventIndexPage.objects.create(
        title="Knowledge Exchange", draft_title="Knowledge Exchange", slug="knowledge-exchange",
        content_type=ct(EventIndexPage), path=f"{home.path}0002", depth=3, numchild=0,
        url_path="/home/knowledge-exchange/", locale=locale, live=True,
        introduction="Knowledge Exchange events where fellows share what they found.",
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                        site_name="Fellowship Hub")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("cohorts", "0001_initial"),
        ("events", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_tree, migrations.RunPython.noop)]
