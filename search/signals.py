"""What changes a search document, as signal receivers: connected in ``SearchConfig.ready``.

Each receiver works out which projects' documents (and which pages of Wagtail's own index) a
change reaches and hands them to ``search.live.enqueue_projects``, which sends them once the
transaction commits. The list of what counts is in ``search.live``'s docstring.
"""

from django.conf import settings

from search.backends.database import index as database_index
from search.live import enqueue_project, enqueue_projects


def _project_ids_under(page):
    from projects.models import ProjectPage

    return set(ProjectPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def _themed_project_ids(theme_ids):
    """Projects tagged with these themes, directly or through one of their findings."""
    from projects.models import FindingTheme, ProjectPageTheme

    direct = ProjectPageTheme.objects.filter(tag_id__in=theme_ids)
    through_findings = FindingTheme.objects.filter(tag_id__in=theme_ids)
    return set(direct.values_list("content_object_id", flat=True)) | set(
        through_findings.values_list("content_object__page_id", flat=True)
    )


def _project_changed(sender, instance, **kwargs):
    database_index.refresh_projects([instance.pk])
    enqueue_project(instance.pk)


# The database's own index, written in the same transaction as the change -------------------


def _project_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        database_index.refresh_projects([instance.pk])


def _page_saved(sender, instance, raw=False, **kwargs):
    # Wagtail saves some pages as plain ``Page`` objects (unpublishing, moving): a project's
    # liveness can change that way too.
    from projects.models import ProjectPage

    if not raw and instance.specific_class is ProjectPage:
        database_index.refresh_projects([instance.pk])


def _finding_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        database_index.refresh_findings([instance.pk])


def _project_tagged(sender, instance, raw=False, **kwargs):
    # The project's themes are in its findings' entries too.
    if not raw:
        database_index.refresh_projects([instance.content_object_id])


def _finding_tagged(sender, instance, raw=False, **kwargs):
    if not raw:
        database_index.refresh_findings([instance.content_object_id])


def _pages_under_changed(sender, instance, **kwargs):
    database_index.refresh_projects(_project_ids_under(instance))


def _cohort_changed(sender, instance, **kwargs):
    if settings.ELASTICSEARCH_URL:
        enqueue_projects(_project_ids_under(instance))


def _cohort_moved(sender, instance, **kwargs):
    if settings.ELASTICSEARCH_URL:
        # Wagtail's index filters on tree paths, which a move changes beneath the cohort too.
        ids = _project_ids_under(instance)
        enqueue_projects(ids, ids | {instance.pk})


def _theme_before_save(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    before = sender.objects.filter(pk=instance.pk).values("name", "slug").first()
    instance._search_renamed = before is not None and before != {
        "name": instance.name,
        "slug": instance.slug,
    }


def _theme_saved(sender, instance, created, raw=False, **kwargs):
    if getattr(instance, "_search_renamed", False):
        instance._search_renamed = False
        ids = _themed_project_ids([instance.pk])
        # The database's index holds theme names, whether or not Elasticsearch is in use.
        database_index.refresh_projects(ids)
        enqueue_projects(ids, ids)


def _theme_merging(sender, source, target, **kwargs):
    # The taggings are about to move from source to target (with an update, which sends no
    # signal): these projects' entries are written again once the source theme is deleted.
    ids = _themed_project_ids([source.pk])
    source._search_merged_projects = ids
    if settings.ELASTICSEARCH_URL:
        enqueue_projects(ids, ids)


def _theme_deleted(sender, instance, **kwargs):
    database_index.refresh_projects(getattr(instance, "_search_merged_projects", ()))


def _theme_merge_undone(sender, project_ids, **kwargs):
    database_index.refresh_projects(project_ids)
    for project_id in project_ids:
        enqueue_project(project_id)


def _theme_deleting(sender, instance, **kwargs):
    # The taggings go with the theme, without signals of their own.
    if settings.ELASTICSEARCH_URL:
        ids = _themed_project_ids([instance.pk])
        enqueue_projects(ids, ids)


def _restriction_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    try:
        page = instance.page
    except Page.DoesNotExist:
        # Deleted along with its page, whose own deletion updates the index.
        return
    database_index.refresh_projects(_project_ids_under(page))
    if not settings.ELASTICSEARCH_URL:
        return
    pages = Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    enqueue_projects(_project_ids_under(page), set(pages))


def _site_changed(sender, instance, raw=False, **kwargs):
    from projects.models import ProjectPage

    if raw or not settings.ELASTICSEARCH_URL:
        return
    enqueue_projects(set(ProjectPage.objects.values_list("pk", flat=True)))


def connect():
    """Listen for everything that changes what a search document says."""
    from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from cohorts.models import CohortIndexPage, CohortPage
    from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme, Theme
    from projects.models.themes import merge_undone, pre_merge

    post_save.connect(_project_saved, sender=ProjectPage, dispatch_uid="search-db-project")
    post_save.connect(_page_saved, sender=Page, dispatch_uid="search-db-page")
    post_save.connect(_finding_saved, sender=Finding, dispatch_uid="search-db-finding")
    for through, receiver in ((ProjectPageTheme, _project_tagged), (FindingTheme, _finding_tagged)):
        label = through._meta.model_name
        post_save.connect(receiver, sender=through, dispatch_uid=f"search-db-{label}-saved")
        post_delete.connect(receiver, sender=through, dispatch_uid=f"search-db-{label}-deleted")
    # A cohort's unpublishing or move reaches the view restrictions its projects inherit.
    for model in (CohortPage, CohortIndexPage):
        label = model._meta.model_name
        post_page_move.connect(
            _pages_under_changed, sender=model, dispatch_uid=f"search-db-{label}-moved"
        )
    post_delete.connect(_theme_deleted, sender=Theme, dispatch_uid="search-db-theme-deleted")

    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_delete, "deleted"),
        (post_page_move, "moved"),
    ):
        signal.connect(_project_changed, sender=ProjectPage, dispatch_uid=f"search-{name}")
    # The list of cohorts too: its slug starts every project's address.
    for model in (CohortPage, CohortIndexPage):
        label = model._meta.model_name
        page_published.connect(_cohort_changed, sender=model, dispatch_uid=f"search-{label}-pub")
        page_unpublished.connect(
            _cohort_changed, sender=model, dispatch_uid=f"search-{label}-unpub"
        )
        post_page_move.connect(_cohort_moved, sender=model, dispatch_uid=f"search-{label}-moved")
    pre_save.connect(_theme_before_save, sender=Theme, dispatch_uid="search-theme-before")
    post_save.connect(_theme_saved, sender=Theme, dispatch_uid="search-theme-saved")
    pre_merge.connect(_theme_merging, sender=Theme, dispatch_uid="search-theme-merging")
    merge_undone.connect(_theme_merge_undone, sender=Theme, dispatch_uid="search-theme-undone")
    pre_delete.connect(_theme_deleting, sender=Theme, dispatch_uid="search-theme-deleting")
    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restricted"
    )
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="search-unrestricted"
    )
    post_save.connect(_site_changed, sender=Site, dispatch_uid="search-site-saved")
    post_delete.connect(_site_changed, sender=Site, dispatch_uid="search-site-deleted")
