"""Themes: one taggit tag model shared by projects and findings."""

from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


class Theme(index.Indexed, TagBase):
    """A theme such as "Zero tolerance"; names are unique whatever their case."""

    description = models.TextField(
        blank=True,
        help_text="Optional. Two or three plain sentences shown at the top of the theme's public page.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="theme_name_unique_ignoring_case"),
        ]

    def get_absolute_url(self):
        return reverse("theme_detail", kwargs={"slug": self.slug})

    @transaction.atomic
    def merge_into(self, target):
        """Move every tagging of this theme onto ``target`` and delete this theme.

        A project or finding tagged with both keeps a single tagging of ``target``.
        """
        if target.pk == self.pk:
            raise ValueError("A theme cannot be merged into itself.")
        for through in (ProjectPageTheme, FindingTheme):
            already = through.objects.filter(tag=target).values("content_object_id")
            through.objects.filter(tag=self, content_object_id__in=already).delete()
            through.objects.filter(tag=self).update(tag=target)
        if self.description and not target.description:
            target.description = self.description
            target.save(update_fields=["description"])
        self.delete()
        return target


class ProjectPageTheme(ItemBase):
    """A theme on a project page (bakerydemo's BlogPageTag pattern, with our own tag model)."""

    tag = models.ForeignKey(Theme, related_name="tagged_projects", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "projects.ProjectPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class FindingTheme(ItemBase):
    """A theme on one finding, in addition to its project's themes."""

    tag = models.ForeignKey(Theme, related_name="tagged_findings", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "projects.Finding", related_name="tagged_items", on_delete=models.CASCADE
    )
