"""Each project gets its cohort's milestones: when the project is created, and when the programme
team adds a milestone to the cohort's template later in the year."""

from django.db.models.signals import post_save

from wagtail.models import Page

from tracking.models import Milestone, MilestoneTemplate


def cohort_of(project):
    """The cohort page a project sits under, or None for a project outside a cohort."""
    if not project.path or project.depth <= 1:
        return None
    parent = Page.objects.filter(path=project.path[: -Page.steplen]).first()
    return parent.specific if parent is not None else None


def give_template_milestones(project, templates):
    """Add each template's milestone the project lacks (matched by name); returns those added."""
    have = set(project.milestones.values_list("name", flat=True))
    added = [
        Milestone(project=project, name=template.name, due_date=template.due_date)
        for template in templates
        if template.name not in have
    ]
    return Milestone.objects.bulk_create(added)


def project_created(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    cohort = cohort_of(instance)
    if cohort is not None:
        give_template_milestones(instance, MilestoneTemplate.objects.filter(cohort_id=cohort.pk))


def template_created(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from projects.models import ProjectPage

    for project in ProjectPage.objects.child_of(instance.cohort):
        give_template_milestones(project, [instance])


def register_signal_handlers():
    from projects.models import ProjectPage

    post_save.connect(project_created, sender=ProjectPage, dispatch_uid="tracking_project_created")
    post_save.connect(
        template_created, sender=MilestoneTemplate, dispatch_uid="tracking_template_created"
    )
