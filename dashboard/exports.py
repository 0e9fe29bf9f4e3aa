"""CSV downloads of the dashboard's tables, safe to open in a spreadsheet."""

import csv

from django.http import HttpResponse
from django.utils import timezone

from core.spreadsheets import csv_cell as safe_cell


def csv_response(slug, headers, rows, now=None):
    """A CSV attachment named after the table and today's date."""
    day = timezone.localdate(now) if now else timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="programme-dashboard-{slug}-{day}.csv"'
    # The byte order mark tells Excel the file is UTF-8, so names with accents survive.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
