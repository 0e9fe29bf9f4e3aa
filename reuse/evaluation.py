"""The reuse sheet of the evaluation dataset: citation downloads by month, format and kind.

The counts are all the site keeps about downloads (``reuse/citation_counts.py``), so the sheet
names no one and reads the same in the identifiable export.
"""

from core.datasets import Column, Sheet
from reuse.models import CitationDownloads


def _download_rows(identifiable):
    for row in CitationDownloads.objects.order_by("month", "cited", "format"):
        yield [row.month, row.get_cited_display(), row.get_format_display(), row.count]


CITATION_DOWNLOADS = Sheet(
    "Citation downloads",
    "How often citations were downloaded, per month, per kind of record cited and per format. "
    "Only these counts are kept: not who downloaded, from where, nor which project or finding.",
    [
        Column("month", "The first day of the month of the downloads."),
        Column("cited", "Project (a project's citation) or Finding (one finding's citation)."),
        Column("format", "BibTeX, RIS or CSL-JSON."),
        Column(
            "count", "How many citations of that kind were downloaded in that format that month."
        ),
    ],
    _download_rows,
)

SHEETS = [CITATION_DOWNLOADS]
