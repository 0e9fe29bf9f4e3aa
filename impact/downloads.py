"""CSV downloads of the impact figures, formula-safe (``core.spreadsheets``)."""

import csv

from django.http import HttpResponse
from django.utils import timezone

from core.spreadsheets import csv_cell


def csv_response(name, headers, rows):
    """A CSV attachment named after the figure and today's date."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate()}.csv"'
    # The byte order mark tells Excel the file is UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response
