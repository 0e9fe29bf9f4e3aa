"""Counting citation downloads by month, format and what was cited, and nothing more.

The count is kept so that the impact page can say how often the programme's work is cited. No
person, address, browser, cookie or even project is recorded: one number per month, format and
kind (project or finding).
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from reuse.models import CitationDownloads


def count_download(cited, citation_format):
    """Add one to this month's count of ``citation_format`` downloads of ``cited`` citations."""
    month = timezone.localdate().replace(day=1)
    rows = CitationDownloads.objects.filter(month=month, cited=cited, format=citation_format)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            CitationDownloads.objects.create(
                month=month, cited=cited, format=citation_format, count=1
            )
    except IntegrityError:
        # Another download created the row a moment ago.
        rows.update(count=F("count") + 1)
