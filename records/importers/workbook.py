"""The .xlsx form of the import format: one sheet per kind of record, one column per field.

Layout (row 1 holds the column names, each later row is one record; blank rows are skipped):

- ``themes``: name, description, and the columns added later: what_we_know, what_to_try, gaps
- ``mentors``: name, email, organisation
- ``cohorts``: slug, title, programme, strand, year, start_date, end_date, summary
- ``fellows``: cohort, slug, name, job_title, organisation, place, bio, email
- ``projects``: cohort, slug, title, summary, fellows, mentors, places, status, start_date,
  end_date, themes, content_note, live, then numbered pairs ``section_1_heading``,
  ``section_1_text``, ``section_2_heading``, ... and ``link_1_title``, ``link_1_url``, ...
- ``findings``: project, headline, detail, evidence_type, confidence, recommendation, themes,
  and the columns added later, each optional: participants, setting, fieldwork_start,
  fieldwork_end, checked_by, checked_at (an empty cell clears the value; a workbook without the
  column keeps what the site holds)
- ``events``: slug, title, start_date, end_date, format, summary
- ``sessions``: event, title, date, format, summary, speakers, projects, recording_url
- ``milestone_templates``: cohort, name, due_date
- ``milestones``: project, name, due_date, done_on, note
- ``follow_ups``: project, fellow, months, due_on, sent_at, status, answered_at, the answer's
  parts (practice_change, policy_change, training_change, service_change, people_reached, reach,
  partners, evidence_links), public, reviewed_at

The last three sheets are the milestone and follow-up extensions (docs/import-milestones.md,
docs/import-format-extensions.md). A workbook without one of them leaves what it holds alone, and
so does a project or cohort with no rows in it: a workbook cannot empty a project's milestones.

Nested records name their parent by slug in the ``cohort``, ``project`` or ``event`` column, and
keep the order of their rows (a project's findings are numbered by row order). Lists (fellows,
mentors, places, themes, speakers, session projects) are written in one cell separated by ``;``.
Sections and links take as many numbered column pairs as the longest project needs; a pair left
empty is skipped. Dates are date cells or text in the form YYYY-MM-DD; ``live`` is TRUE/FALSE
(yes/no also read). Vocabulary cells accept the value (``in_progress``) or its label
("In progress"), in any case. Column names may be written with spaces ("start date").
"""

import re
from datetime import date, datetime

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from core.spreadsheets import xlsx_string_cell
from core.vocabularies import Confidence, EventFormat, EvidenceType, Place, Setting, Status
from impact.models import FollowUpStatus
from records.follow_ups import AnswerParts
from records.importers.validation import FINDING_ADDITIONS, THEME_ADDITIONS

SHEETS = {
    "themes": ["name", "description", "what_we_know", "what_to_try", "gaps"],
    "mentors": ["name", "email", "organisation"],
    "cohorts": "slug title programme strand year start_date end_date summary".split(),
    "fellows": "cohort slug name job_title organisation place bio email".split(),
    "projects": (
        "cohort slug title summary fellows mentors places status start_date end_date themes "
        "content_note live"
    ).split(),
    "findings": (
        "project headline detail evidence_type confidence recommendation themes participants "
        "setting fieldwork_start fieldwork_end checked_by checked_at"
    ).split(),
    "events": "slug title start_date end_date format summary".split(),
    "sessions": "event title date format summary speakers projects recording_url".split(),
    "milestone_templates": ["cohort", "name", "due_date"],
    "milestones": ["project", "name", "due_date", "done_on", "note"],
    "follow_ups": (
        "project fellow months due_on sent_at status answered_at practice_change policy_change "
        "training_change service_change people_reached reach partners evidence_links public "
        "reviewed_at"
    ).split(),
}
PARENTS = {
    "fellows": ("cohort", "cohorts", "fellows"),
    "projects": ("cohort", "cohorts", "projects"),
    "findings": ("project", "projects", "findings"),
    "sessions": ("event", "events", "sessions"),
    "milestone_templates": ("cohort", "cohorts", "milestone_templates"),
    "milestones": ("project", "projects", "milestones"),
    "follow_ups": ("project", "projects", "follow_ups"),
}
LISTS = {"fellows", "mentors", "places", "themes", "speakers", "projects"}
LISTS |= {"evidence_links", "public"}
VOCABULARIES = {
    "place": Place,
    "places": Place,
    "status": Status,
    "evidence_type": EvidenceType,
    "confidence": Confidence,
    "format": EventFormat,
    "setting": Setting,
    "public": AnswerParts,
}
# A column whose vocabulary depends on its sheet: a follow-up's status is not a project's.
SHEET_VOCABULARIES = {("follow_ups", "status"): FollowUpStatus}
# Columns added to a sheet after the format was first written (see validation.FINDING_ADDITIONS).
ADDED_COLUMNS = {"findings": FINDING_ADDITIONS.keys(), "themes": THEME_ADDITIONS.keys()}
DATE_COLUMNS = {"fieldwork_start", "fieldwork_end", "checked_at", "done_on", "due_on"}
WHOLE_NUMBERS = {"year", "participants", "months", "people_reached"}
NUMBERED = {
    "sections": (re.compile(r"^section_(\d+)_(heading|text)$"), "section", ("heading", "text")),
    "links": (re.compile(r"^link_(\d+)_(title|url)$"), "link", ("title", "url")),
}
TRUE, FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0"}
# Rows a sheet may hold, and columns a header may name: far beyond the programme's records
# (hundreds of projects, thousands of findings), well short of what would exhaust memory.
MAX_ROWS = 50_000
MAX_COLUMNS = 500


class WorkbookTooLarge(ValueError):
    """The workbook holds more than the import takes; the message says what and the limit."""


def vocabulary_value(choices, text):
    """The stored value for a value or label, in any case; unknown text is returned as it is."""
    for value, label in choices.choices:
        if text.casefold() in (value.casefold(), label.casefold()):
            return value
    return text


def cell_value(column, value, kind=None):
    """A cell of ``column`` (in sheet ``kind``) as the JSON form would hold it; None if empty."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
    if value is None:
        return None
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        is_date = column.endswith("date") or column in DATE_COLUMNS
        return day.isoformat() if is_date else str(value)
    if column == "live":
        if isinstance(value, bool):
            return value
        text = str(value).strip().casefold()
        return True if text in TRUE else False if text in FALSE else value
    if column in WHOLE_NUMBERS:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.isdigit():
            return int(value)
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool | int | float):
        value = str(value)
    choices = SHEET_VOCABULARIES.get((kind, column)) or VOCABULARIES.get(column)
    if column in LISTS:
        items = [item.strip() for item in value.split(";") if item.strip()]
        return [vocabulary_value(choices, item) for item in items] if choices else items
    if choices:
        return vocabulary_value(choices, value)
    return value


def header_name(value):
    return "_".join(str(value or "").strip().lower().split())


class WorkbookReader:
    """Reads a workbook into the JSON document shape, noting each record's sheet, row and cells."""

    def __init__(self):
        self.cells = {}
        self.problems = []
        self.rows = {}

    def problem(self, sheet, message, row=None, column=None):
        where = f"sheet '{sheet}'"
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        self.problems.append(f"{where}: {message}")

    def read(self, path):
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            for name in book.sheetnames:
                if name.strip().lower() not in SHEETS:
                    self.problem(name, f"unknown sheet; expected sheets named {', '.join(SHEETS)}")
                else:
                    self.rows[name.strip().lower()] = self.read_sheet(
                        book[name], name.strip().lower()
                    )
        finally:
            book.close()
        return self.assemble()

    def read_sheet(self, sheet, kind):
        # max_col bounds what openpyxl builds per row, whatever size the sheet says it is.
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        header = [header_name(value) for value in next(rows, ())]
        while header and not header[-1]:
            header.pop()
        if len(header) > MAX_COLUMNS:
            raise WorkbookTooLarge(
                f"has more than {MAX_COLUMNS} columns in sheet '{sheet.title}'; the import "
                f"takes at most {MAX_COLUMNS}."
            )
        known = []  # the header with unusable columns blanked out, so their cells are ignored
        for position, column in enumerate(header):
            numbered = kind == "projects" and any(m[0].match(column) for m in NUMBERED.values())
            if column and column not in SHEETS[kind] and not numbered:
                self.problem(kind, f"unknown column '{column}'; expected {', '.join(SHEETS[kind])}")
                column = None
            elif column and header.index(column) != position:
                self.problem(kind, f"the column '{column}' appears more than once")
                column = None
            known.append(column or None)
        records = []
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                raise WorkbookTooLarge(
                    f"has more than {MAX_ROWS:,} rows in sheet '{sheet.title}'; the import "
                    f"takes at most {MAX_ROWS:,} a sheet. Split the records across several files."
                )
            record, cells = {}, {}
            for column, value in zip(known, values, strict=False):
                value = cell_value(column, value, kind) if column else None
                if value is not None:
                    record[column] = value
            if not record:
                continue
            # An empty cell in a column the sheet has clears the value; only a missing column
            # means "keep what the site holds".
            for column in ADDED_COLUMNS.get(kind, set()) & set(known):
                record.setdefault(column, None)
            if kind == "projects":
                self.numbered(record, cells)
            records.append((number, record, cells))
        return records

    def numbered(self, record, cells):
        """Gather section_N_* and link_N_* columns into the lists of the JSON form."""
        for field, (pattern, prefix, parts) in NUMBERED.items():
            groups = {}
            for column in [c for c in record if pattern.match(c)]:
                number, part = pattern.match(column).groups()
                groups.setdefault(int(number), {})[part] = record.pop(column)
            items = []
            for number in sorted(groups):
                entry = groups[number]
                index = len(items)
                for part in parts:
                    cells[(field, index, part)] = f"{prefix}_{number}_{part}"
                cells[(field, index)] = f"{prefix}_{number}_{parts[0]}"
                items.append({part: str(value) for part, value in entry.items()})
            if items:
                record[field] = items

    def place(self, path, kind, number, record, cells):
        self.cells[path] = (kind, number, None)
        for column in record:
            self.cells[(*path, column)] = (kind, number, column)
        for sub, column in cells.items():
            self.cells[(*path, *sub)] = (kind, number, column)

    def assemble(self):
        document = {"format": "fellowship-import/1"}
        by_slug = {}
        for kind in ("themes", "mentors", "cohorts", "events"):
            if kind not in self.rows:
                continue
            document[kind] = []
            for number, record, cells in self.rows[kind]:
                self.place((kind, len(document[kind])), kind, number, record, cells)
                document[kind].append(record)
                if isinstance(record.get("slug"), str):
                    by_slug.setdefault((kind, record["slug"]), (kind, len(document[kind]) - 1))
        children = ("fellows", "projects", "findings", "sessions")
        for kind in (*children, "milestone_templates", "milestones", "follow_ups"):
            column, parent_kind, field = PARENTS[kind]
            for number, record, cells in self.rows.get(kind, []):
                parent_slug = record.pop(column, None)
                parent_path = by_slug.get((parent_kind, parent_slug))
                if parent_slug is None:
                    self.problem(kind, f"is required (the slug of its {column})", number, column)
                    continue
                if parent_path is None:
                    self.problem(
                        kind,
                        f"no {column} {parent_slug!r} in sheet '{parent_kind}'",
                        number,
                        column,
                    )
                    continue
                parent = self.record_at(document, parent_path)
                children = parent.setdefault(field, [])
                path = (*parent_path, field, len(children))
                self.place(path, kind, number, record, cells)
                children.append(record)
                if kind == "projects" and isinstance(record.get("slug"), str):
                    by_slug.setdefault(("projects", record["slug"]), path)
        return document

    @staticmethod
    def record_at(document, path):
        node = document
        for part in path:
            node = node[part]
        return node

    def locate(self, path):
        for cut in range(len(path), 0, -1):
            if path[:cut] in self.cells:
                sheet, row, column = self.cells[path[:cut]]
                where = f"sheet '{sheet}', row {row}"
                return f"{where}, column '{column}'" if column else where
        return f"sheet '{path[0]}'" if path and path[0] in SHEETS else "workbook"


def write_workbook(document, path):
    """Write a document (as exported) to ``path`` in the layout above."""
    book = Workbook()
    book.remove(book.active)
    projects = [(c["slug"], p) for c in document.get("cohorts", []) for p in c.get("projects", [])]
    sections = max((len(p.get("sections", [])) for _, p in projects), default=0)
    links = max((len(p.get("links", [])) for _, p in projects), default=0)
    extra = [f"section_{n}_{part}" for n in range(1, sections + 1) for part in ("heading", "text")]
    extra += [f"link_{n}_{part}" for n in range(1, links + 1) for part in ("title", "url")]
    rows = {kind: [] for kind in SHEETS}
    rows["themes"] = document.get("themes", [])
    rows["mentors"] = document.get("mentors", [])
    for cohort in document.get("cohorts", []):
        rows["cohorts"].append(cohort)
        rows["fellows"] += [dict(f, cohort=cohort["slug"]) for f in cohort.get("fellows", [])]
    for cohort_slug, project in projects:
        row = dict(project, cohort=cohort_slug)
        for n, section in enumerate(project.get("sections", []), start=1):
            row[f"section_{n}_heading"], row[f"section_{n}_text"] = (
                section["heading"],
                section["text"],
            )
        for n, link in enumerate(project.get("links", []), start=1):
            row[f"link_{n}_title"], row[f"link_{n}_url"] = link["title"], link["url"]
        rows["projects"].append(row)
        rows["findings"] += [dict(f, project=project["slug"]) for f in project.get("findings", [])]
        rows["milestones"] += [
            dict(m, project=project["slug"]) for m in project.get("milestones", [])
        ]
        rows["follow_ups"] += [
            dict(f, project=project["slug"]) for f in project.get("follow_ups", [])
        ]
    for cohort in document.get("cohorts", []):
        rows["milestone_templates"] += [
            dict(t, cohort=cohort["slug"]) for t in cohort.get("milestone_templates", [])
        ]
    for event in document.get("events", []):
        rows["events"].append(event)
        rows["sessions"] += [dict(s, event=event["slug"]) for s in event.get("sessions", [])]
    for kind, columns in SHEETS.items():
        columns = [*columns, *extra] if kind == "projects" else columns
        # A column the document never names stays out, so that the workbook, like the document,
        # keeps what the site holds rather than clearing it.
        added = ADDED_COLUMNS.get(kind, ())
        columns = [
            column
            for column in columns
            if column not in added or any(column in record for record in rows[kind])
        ]
        sheet = book.create_sheet(kind)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for record in rows[kind]:
            sheet.append([export_cell(column, record.get(column)) for column in columns])
            for cell in sheet[sheet.max_row]:
                xlsx_string_cell(cell)
    book.save(path)


def export_cell(column, value):
    if isinstance(value, list):
        return "; ".join(value)
    if (column.endswith("date") or column in DATE_COLUMNS) and value:
        return value  # ISO text reads back exactly and sorts correctly
    if value is None or value == "":
        return None
    return value
