"""The tracker as a CSV file or a workbook, with text a spreadsheet would run written as text."""

import csv
import io
from datetime import date

from django.http import HttpResponse

from openpyxl import Workbook

from core.spreadsheets import csv_cell, xlsx_string_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(value):
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def csv_response(filename, headers, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    # The byte order mark tells Excel the file is UTF-8, so names with accents survive.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(_text(cell)) for cell in row])
    return response


def xlsx_response(filename, headers, rows, title="Tracker"):
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for row in rows:
        sheet.append([cell if isinstance(cell, int | date) else _text(cell) for cell in row])
    for line in sheet.iter_rows():
        for cell in line:
            xlsx_string_cell(cell)
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
