"""Comments in the page editor, stored once however often the editor posts them.

Wagtail's editor autosaves a comment as soon as it is added, and learns the comment's id from the
autosave's answer. A reviewer who decides (or clicks twice) before that answer arrives posts the
same new comment again, without an id, and Wagtail would store it a second time. Here a new
comment that is already stored, word for word, by the same person on the same field, is taken as
that stored comment instead, and the page's row is locked while this is decided so that two
requests for one page decide one after the other.
"""

from django.db import transaction

from wagtail.admin.forms.comments import CommentFormSet
from wagtail.admin.panels import CommentPanel
from wagtail.models import Comment, CommentPanelPlaceholder, Page


class StoredOnceCommentFormSet(CommentFormSet):
    """The editor's comments, where a new comment already stored is not stored again."""

    def save(self, commit=True):
        with transaction.atomic():
            if self.instance.pk:
                # PostgreSQL holds the second request here until the first has committed;
                # SQLite lets one writer through at a time anyway.
                list(Page.objects.select_for_update().filter(pk=self.instance.pk).values("pk"))
            reused = self._reuse_stored_copies()
            saved = super().save(commit=commit)
        # Already announced when it was first stored: no second "new comment" email or log.
        self.new_objects = [obj for obj in self.new_objects if obj.pk not in reused]
        return saved

    def _reuse_stored_copies(self):
        if not self.instance.pk:
            return set()
        claimed = {form.instance.pk for form in self.initial_forms if form.instance.pk}
        reused = set()
        for form in self.extra_forms:
            if not form.has_changed() or (self.can_delete and self._should_delete_form(form)):
                continue
            stored = (
                Comment.objects.filter(
                    page_id=self.instance.pk,
                    user_id=form.instance.user_id,
                    contentpath=form.instance.contentpath,
                    text=form.instance.text,
                    resolved_at__isnull=True,
                )
                .exclude(pk__in=claimed | reused)
                .order_by("pk")
                .first()
            )
            if stored is None:
                continue
            stored.position = form.instance.position
            form.instance = stored
            reused.add(stored.pk)
        return reused


class StoredOnceCommentPanel(CommentPanel):
    """Wagtail's comments panel with :class:`StoredOnceCommentFormSet`."""

    def get_form_options(self):
        options = super().get_form_options()
        for formset in options["formsets"].values():
            formset["formset"] = StoredOnceCommentFormSet
        return options


class StoredOnceCommentPanelPlaceholder(CommentPanelPlaceholder):
    """Stands in ``Page.settings_panels`` until the admin builds each page type's editor."""

    def __init__(self):
        super().__init__()
        self.path = "reviews.comments.StoredOnceCommentPanel"


def store_comments_once_on_every_page_type():
    """Put the panel in place of Wagtail's in ``Page.settings_panels``, which every page type's
    editor shares (the list itself, so editors built from it before now see the change too)."""
    panels = Page.settings_panels
    for index, panel in enumerate(panels):
        if type(panel) is CommentPanelPlaceholder:
            panels[index] = StoredOnceCommentPanelPlaceholder()
