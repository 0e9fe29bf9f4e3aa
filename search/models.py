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


class IndexEntry(models.Model):
    """The text of one live, public project or finding, as the database backend searches it.

    Four weighted columns, each of normalised words (accents folded, stop words dropped, the
    same analysis as a query): ``a`` the title or headline, ``b`` the summary and themes, ``c``
    the rest of the text, ``d`` a finding's project context (its project's title, summary,
    themes and places).
    The full-text index over these columns is not a Django field: the ``search`` migration
    ``database_text_index`` adds an FTS5 table on SQLite and a weighted ``tsvector`` column
    with a GIN index on PostgreSQL (``search.backends.database.index``).
    """

    # Not a database constraint: some of Wagtail's and the import's deletions reach findings
    # without Django's cascade, and an entry left behind is never matched (searches join from
    # the projects and findings), and goes at the next refresh or rebuild.
    page = models.OneToOneField(
        "projects.ProjectPage",
        null=True,
        blank=True,
        db_constraint=False,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    finding = models.OneToOneField(
        "projects.Finding",
        null=True,
        blank=True,
        db_constraint=False,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    a = models.TextField(blank=True)
    b = models.TextField(blank=True)
    c = models.TextField(blank=True)
    d = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, finding__isnull=True)
                | models.Q(page__isnull=True, finding__isnull=False),
                name="search_indexentry_one_object",
            )
        ]

    def __str__(self):
        return f"Search text of {'project' if self.page_id else 'finding'} {self.page_id or self.finding_id}"


class TextMatchRow(models.Model):
    """SQLite's FTS5 table over ``IndexEntry`` (external content, one row per entry), seen by
    the ORM only so that queries can join it; it is created by a migration, not by Django."""

    entry = models.OneToOneField(
        IndexEntry,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="text_match",
    )

    class Meta:
        managed = False
        db_table = "search_text_fts"

    def __str__(self):
        return f"Full-text row {self.pk}"
