"""Cells that a spreadsheet program would run are written as text, in every export of the site.

Text from the public (an "I used this finding" report) or from editors (a theme, a fellow's name)
can start with ``=``, ``+``, ``-`` or ``@``; opened in Excel or LibreOffice, such a cell runs as a
formula (``=HYPERLINK(...)``, ``=WEBSERVICE(...)``). Every export goes through this module:

- CSV has no cell types, so text that would run gets a leading ``'`` (OWASP's "CSV injection"
  advice), which spreadsheets show as a text marker, not as part of the value.
- xlsx has cell types: such text is written as a string cell, which no program evaluates, so the
  text stays exactly as it was and an import reads it back unchanged.

``install()`` (called from ``CoreConfig.ready``) applies the CSV rule to Wagtail's
``SpreadsheetExportMixin``, which every admin export uses: snippet and model viewsets, the reports
(workflow, locked and aging pages, site history...) and form submissions.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# Tab and carriage return too: some programs skip leading whitespace before reading a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def would_run(value):
    """Whether a spreadsheet program would read ``value`` as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """``value`` as a CSV cell: ``None`` as empty, text that would run behind a leading ``'``."""
    if value is None:
        return ""
    return "'" + value if would_run(value) else value


def xlsx_string_cell(cell):
    """Make an openpyxl cell holding text that looks like a formula a plain string cell again.

    openpyxl types any text starting with ``=`` as a formula; written as such it runs when opened,
    and has no stored value, so reading the file back gives an empty cell.
    """
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def _neutralising(preprocess):
    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return csv_cell(value) if would_run(value) else value
        return value

    preprocess_field_value.neutralises_formulas = True
    return preprocess_field_value


def install():
    """Route every value of Wagtail's admin exports through ``csv_cell`` (xlsx is already typed).

    Wagtail's own report views inherit the mixin directly, so the mixin itself is where a rule for
    all of them can live; a view added later inherits it too.
    """
    current = SpreadsheetExportMixin.preprocess_field_value
    if getattr(current, "neutralises_formulas", False):
        return
    SpreadsheetExportMixin.preprocess_field_value = _neutralising(current)
