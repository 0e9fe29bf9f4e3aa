"""A link to one draft revision of a project, for a reviewer without an account, and its comments.

Only a hash of the link's secret is kept: the address itself is shown once, to the person who made
it, so that neither a copy of the database nor anyone reading the admin can open the draft.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ShareLinkQuerySet(models.QuerySet):
    def unrevoked(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ShareLink(models.Model):
    """An expiring, revocable address for one revision of a project's draft."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    # When the revision was saved as the link was made: Wagtail's autosave overwrites the latest
    # revision in place (same id, new content, new time), which must stop the link too.
    revision_saved_at = models.DateTimeField()
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(
        "who it is for",
        max_length=100,
        blank=True,
        help_text="Optional, for you: a name or organisation, so you can tell your links apart. "
        "The reviewer does not see it.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.label or f"Link made on {self.created_at:%d %B %Y}"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_superseded(self):
        """Whether the draft has been saved again since the link was made."""
        return (
            self.page.latest_revision_id != self.revision_id
            or self.revision.created_at != self.revision_saved_at
        )

    @property
    def works(self):
        return not (self.is_revoked or self.is_expired or self.is_superseded)


class ShareComment(models.Model):
    """A reviewer's comment on the draft a link shows; their name is optional."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(max_length=80, blank=True)
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name or 'A reviewer'}: {self.text[:40]}"
