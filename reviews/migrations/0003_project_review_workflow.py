"""The "Project review" workflow: Mentor review, then Programme sign-off, on every cohort's pages.

Assigned to the cohort index, so every cohort and project page beneath it uses it. Idempotent.
"""

from django.db import migrations

WORKFLOW_NAME = "Project review"
MENTOR_REVIEW = "Mentor review"
PROGRAMME_SIGN_OFF = "Programme sign-off"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    MentorReviewTask = apps.get_model("reviews.MentorReviewTask")

    # Historical models skip Task.__init__, which normally records the task's own content type.
    mentor_review, _ = MentorReviewTask.objects.get_or_create(
        name=MENTOR_REVIEW,
        defaults={
            "content_type": ContentType.objects.get_or_create(
                app_label="reviews", model="mentorreviewtask"
            )[0],
            "active": True,
        },
    )
    sign_off, _ = GroupApprovalTask.objects.get_or_create(
        name=PROGRAMME_SIGN_OFF,
        defaults={
            "content_type": ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
            "active": True,
        },
    )
    team, _ = Group.objects.get_or_create(name="Programme team")
    sign_off.groups.add(team)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for sort_order, task in enumerate([mentor_review, sign_off]):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": sort_order}
        )

    cohort_index = Page.objects.filter(
        content_type__app_label="cohorts", content_type__model="cohortindexpage"
    ).first()
    if cohort_index is not None:
        WorkflowPage.objects.update_or_create(page=cohort_index, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_roles"),
        ("core", "0002_site_tree"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
