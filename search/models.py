"""What the search app keeps in the database: live index updates that could not be made."""

from django.db import models


class PendingIndexUpdate(models.Model):
    """A page whose search documents could not be updated (the server was down, say).

    The next successful live update, the health check and ``search_index sync`` replay these
    (``search.live.replay_pending``). A replay reads the page as it is then, so one row per page
    is enough; ``failed_at`` moves on with every failure, so a replay that started before the
    latest one leaves its row for the next.
    """

    page_id = models.PositiveIntegerField(unique=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    failed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["failed_at"]

    def __str__(self):
        return f"Pending search update for page {self.page_id}"
