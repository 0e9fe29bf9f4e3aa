"""The shape of a documented dataset: sheets of columns, each column with its meaning and whether
it names a person. The evaluation export (``impact.evaluation``) writes them; any app may describe
sheets of its own (``tracking/evaluation.py``, ``reuse/evaluation.py``) without importing the app
that writes them.
"""

from dataclasses import dataclass


@dataclass
class Column:
    """A column of a sheet: its heading, what it means, and whether it names a person."""

    heading: str
    meaning: str
    identifying: bool = False


@dataclass
class Sheet:
    """One sheet of the dataset. ``rows(identifiable)`` yields one list of cells per row, in the
    order of ``columns``; cells of identifying columns are left out unless ``identifiable``."""

    name: str
    about: str
    columns: list
    rows: object  # a callable: rows(identifiable) -> iterable of lists

    def visible_columns(self, identifiable):
        return [c for c in self.columns if identifiable or not c.identifying]

    def visible_rows(self, identifiable):
        keep = [identifiable or not c.identifying for c in self.columns]
        for row in self.rows(identifiable):
            yield [cell for cell, kept in zip(row, keep, strict=True) if kept]
