"""Themes: one taggit tag model shared by projects and findings."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.functions import Lower
from django.dispatch import Signal
from django.urls import reverse

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision
from wagtail.search import index

from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase

# Sent by Theme.merge_into before any tagging moves, with ``source`` and ``target``: the search
# index learns from it which projects' documents are about to change.
pre_merge = Signal()

# Sent by undoing a merge once the taggings are back, with ``project_ids``: the projects whose
# themes changed. Search listens, so that projects need not know the search index exists.
merge_undone = Signal()


class Theme(index.Indexed, TagBase):
    """A theme such as "Zero tolerance"; names are unique whatever their case."""

    description = models.TextField(
        blank=True,
        help_text="Optional. Two or three plain sentences shown at the top of the theme's public page.",
    )

    # The programme team's synthesis of a theme's findings, shown above them on its public page.
    # Only the programme team edits themes at all (THEME_POLICY in projects/admin_views.py).
    what_we_know = models.TextField(
        "what we know",
        blank=True,
        help_text="Optional. What the findings on this theme add up to, in a few plain sentences. "
        "Leave a blank line between paragraphs.",
    )
    what_to_try = models.TextField(
        "what to try",
        blank=True,
        help_text="Optional. What practitioners could try in their own service because of them.",
    )
    gaps = models.TextField(
        blank=True,
        help_text="Optional. What nobody has looked at yet, or where the evidence is thin.",
    )

    SUMMARY_FIELDS = ("what_we_know", "what_to_try", "gaps")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel(name) for name in SUMMARY_FIELDS],
            heading="Summary from the programme team",
        ),
    ]
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

    @property
    def summary(self):
        """The programme team's summary as (heading, text) pairs, leaving out empty parts."""
        headings = {"what_we_know": "What we know", "what_to_try": "What to try", "gaps": "Gaps"}
        return [
            (headings[name], getattr(self, name))
            for name in self.SUMMARY_FIELDS
            if getattr(self, name).strip()
        ]

    def get_absolute_url(self):
        return reverse("theme_detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        old_slug = None
        if self.pk:
            old_slug = Theme.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug:
            redirect_theme_address(old_slug, self)

    @transaction.atomic
    def merge_into(self, target):
        """Move every tagging of this theme onto ``target`` and delete this theme.

        A project or finding tagged with both keeps a single tagging of ``target``.
        """
        if target.pk == self.pk:
            raise ValueError("A theme cannot be merged into itself.")
        pre_merge.send(sender=Theme, source=self, target=target)
        for through in (ProjectPageTheme, FindingTheme):
            already = through.objects.filter(tag=target).values("content_object_id")
            through.objects.filter(tag=self, content_object_id__in=already).delete()
            through.objects.filter(tag=self).update(tag=target)
        retag_project_revisions(self, target)
        # What the programme team wrote about the merged theme is kept where the target has none.
        kept = [
            name
            for name in ("description", *self.SUMMARY_FIELDS)
            if getattr(self, name) and not getattr(target, name)
        ]
        for name in kept:
            setattr(target, name, getattr(self, name))
        if kept:
            target.save(update_fields=kept)
        old_slug = self.slug
        self.delete()
        redirect_theme_address(old_slug, target)
        return target


def redirect_theme_address(old_slug, theme):
    """Send visitors of ``/themes/<old_slug>/`` on to ``theme``'s page, permanently.

    Uses Wagtail's redirects so the programme team can see and remove them under Settings,
    and rewrites older redirects to the old address so that no visitor follows a chain.
    """
    old_url = reverse("theme_detail", kwargs={"slug": old_slug})
    new_url = theme.get_absolute_url()
    Redirect.objects.filter(redirect_link=old_url).update(redirect_link=new_url)
    # A redirect from the theme's own (new) address would only loop or go stale.
    Redirect.objects.filter(old_path=Redirect.normalise_path(new_url)).delete()
    Redirect.objects.filter(old_path=Redirect.normalise_path(old_url), site=None).delete()
    Redirect.add_redirect(old_url, new_url, is_permanent=True, automatically_created=True)


def _retag(data, old_pk, new_pk):
    items = data.get("tagged_items") or []
    if not any(item.get("tag") == old_pk for item in items):
        return False
    has_new = any(item.get("tag") == new_pk for item in items)
    data["tagged_items"] = [
        {**item, "tag": new_pk} if item.get("tag") == old_pk else item
        for item in items
        if not (has_new and item.get("tag") == old_pk)
    ]
    return True


def retag_project_revisions(source, target):
    """Point saved project revisions (drafts and history) at ``target`` instead of ``source``.

    A draft's themes live only in its revision; if it still named a deleted theme, Wagtail
    would silently drop that tagging when the draft is next opened or published.
    """
    project_type = ContentType.objects.get_by_natural_key("projects", "projectpage")
    for revision in Revision.objects.filter(content_type=project_type).iterator():
        content = revision.content
        changed = _retag(content, source.pk, target.pk)
        for finding in content.get("findings") or []:
            changed = _retag(finding, source.pk, target.pk) or changed
        if changed:
            Revision.objects.filter(pk=revision.pk).update(content=content)


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
