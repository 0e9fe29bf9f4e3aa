"""What the search app keeps in the database: live index updates that could not be made."""

from django.db import models


class PendingIndexUpdate(models.Model):
    """A project whose search documents could not be updated (the server was down, say).

    ``search_index sync`` brings each one in line with the database, then forgets it; the
    update reads the page as it is then, so one row per project is enough.
    """

    page_id = models.PositiveIntegerField(unique=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Pending search update for page {self.page_id}"
