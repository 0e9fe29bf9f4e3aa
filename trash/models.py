"""Deleted items: the holding page where deleted cohorts and projects wait, and the record of
where each came from. What is done with them (delete, restore, destroy) is in ``deleted_items``.
"""

from django.conf import settings
from django.db import models
from django.http import Http404

from wagtail.models import Page


class DeletedItemsPage(Page):
    """Where deleted cohorts wait, unpublished, until the programme team restores or destroys them.

    It sits beside the home page, under the tree's root, so no site serves it or anything below
    it; it is never live, never in menus, search, sitemaps or the API.
    """

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = []
    max_count = 1
    # Made on first use by ``get_or_create``, never from the admin's "Add page".
    is_creatable = False
    search_fields = []

    class Meta:
        verbose_name = "deleted items"
        verbose_name_plural = "deleted items"

    def serve(self, request, *args, **kwargs):
        raise Http404

    def get_sitemap_urls(self, request=None):
        return []

    @classmethod
    def get_or_create(cls):
        """The one holding page, made on first use beside the home page."""
        holding = cls.objects.first()
        if holding is None:
            root = Page.get_first_root_node()
            holding = root.add_child(
                instance=cls(title="Deleted items", slug="deleted-items", live=False)
            )
        return holding


class DeletedPage(models.Model):
    """A page moved to Deleted items: where it came from and which of its pages were live."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="deletion")
    original_parent = models.ForeignKey(
        Page, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    original_slug = models.SlugField(max_length=255, blank=True)
    # The sibling it sat just before, so that a restore puts it back in the same place.
    next_sibling = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="+")
    # {page id: id of its live revision} for every page of the subtree that was live.
    live_revisions = models.JSONField(default=dict)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    deleted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deleted_at"]

    def __str__(self):
        return self.page.title
