"""Checks a whole import document and returns it cleaned into the canonical record shape.

Every problem is collected with its location before anything is written, so one run of the
command lists everything a programme team has to correct in their file.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email, validate_slug

from cohorts.models import DEFAULT_PROGRAMME
from core.vocabularies import Confidence, EventFormat, EvidenceType, Place, Setting, Status
from records.importers.records import (
    normalise_line,
    normalise_paragraphs,
    normalise_text,
    ordered_places,
    sorted_names,
)

FORMAT = "fellowship-import/1"
TOP_LEVEL = ("format", "themes", "mentors", "cohorts", "events")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INVALID = object()
# A login is the email address, and Django usernames stop at 150 characters.
EMAIL_MAX_LENGTH = 150
# The largest number a finding's participants column holds in every database Django supports.
MAX_COUNT = 2_147_483_647
# Finding fields added to version 1 after it was first written, with their empty values. A file
# that leaves one out (every file written before it existed) keeps what the site holds for it:
# an old spreadsheet must not wipe out the ratings mentors have checked since.
FINDING_ADDITIONS = {
    "participants": None,
    "setting": "",
    "fieldwork_start": None,
    "fieldwork_end": None,
    "checked_by": "",
    "checked_at": None,
}
# The same for a theme: the programme team's summary of it, shown on its public page.
THEME_ADDITIONS = {"what_we_know": "", "what_to_try": "", "gaps": ""}
ADDITIONS = {"finding": FINDING_ADDITIONS, "theme": THEME_ADDITIONS}
# Pairs of dates of one record where the second may not come before the first.
DATE_PAIRS = (("start_date", "end_date"), ("fieldwork_start", "fieldwork_end"))


def describe(value):
    """How a JSON value's type reads in an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    text = str(value)
    # A pasted essay in the wrong cell should not flood the list of problems.
    return repr(text if len(text) <= 80 else text[:77] + "...")


@dataclass
class Field:
    check: object
    required: bool = False
    default: object = ""


class Checks:
    """Field checks: each takes the value and its path, reports problems, returns the clean value."""

    def __init__(self, problem):
        self.problem = problem

    def text(self, max_length=None, paragraphs=False):
        def check(value, path):
            if not isinstance(value, str):
                self.problem(path, f"must be text, not {describe(value)}")
                return INVALID
            value = normalise_paragraphs(value) if paragraphs else normalise_text(value)
            if max_length and len(value) > max_length:
                self.problem(path, f"is {len(value)} characters long; the limit is {max_length}")
                return INVALID
            return value

        return check

    def line(self, max_length=255):
        """One line of text: line breaks become spaces."""
        text = self.text(max_length)

        def check(value, path):
            if isinstance(value, str):
                value = normalise_line(value)
            return text(value, path)

        return check

    def theme_name(self):
        line = self.line(100)

        def check(value, path):
            value = line(value, path)
            if value is INVALID:
                return INVALID
            # As the admin's theme field does: "Zero  tolerance" is "Zero tolerance".
            value = " ".join(value.split())
            if not value:
                self.problem(path, "a theme name must not be empty")
                return INVALID
            if "," in value:
                self.problem(
                    path, f"{describe(value)} contains a comma; theme names cannot include commas"
                )
                return INVALID
            return value

        return check

    def slug(self, max_length=255):
        def check(value, path):
            if not isinstance(value, str):
                self.problem(path, f"must be text, not {describe(value)}")
                return INVALID
            value = value.strip()
            try:
                validate_slug(value)
            except ValidationError:
                self.problem(
                    path,
                    f"{describe(value)} is not a valid slug (use letters, numbers, hyphens and underscores)",
                )
                return INVALID
            if len(value) > max_length:
                self.problem(path, f"is {len(value)} characters long; the limit is {max_length}")
                return INVALID
            return value

        return check

    def email(self):
        def check(value, path):
            if not isinstance(value, str):
                self.problem(path, f"must be text, not {describe(value)}")
                return INVALID
            value = value.strip().lower()
            if not value:
                return ""
            try:
                validate_email(value)
            except ValidationError:
                self.problem(path, f"{describe(value)} is not a valid email address")
                return INVALID
            if len(value) > EMAIL_MAX_LENGTH:
                self.problem(path, f"is longer than {EMAIL_MAX_LENGTH} characters")
                return INVALID
            return value

        return check

    def url(self):
        validator = URLValidator(schemes=["http", "https"])

        def check(value, path):
            if not isinstance(value, str):
                self.problem(path, f"must be text, not {describe(value)}")
                return INVALID
            value = value.strip()
            if not value:
                return ""
            try:
                validator(value)
            except ValidationError:
                self.problem(
                    path,
                    f"{describe(value)} is not a web address starting with http:// or https://",
                )
                return INVALID
            if len(value) > 500:
                self.problem(path, "is longer than 500 characters")
                return INVALID
            return value

        return check

    def year(self):
        def check(value, path):
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(path, f"must be a whole number, not {describe(value)}")
                return INVALID
            if not 2000 <= value <= 2100:
                self.problem(path, f"{value} is outside 2000-2100")
                return INVALID
            return value

        return check

    def count(self):
        """A whole number of people or records: zero or more."""

        def check(value, path):
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(path, f"must be a whole number, not {describe(value)}")
                return INVALID
            if not 0 <= value <= MAX_COUNT:
                self.problem(path, f"{value} is not a number of people or records (0 or more)")
                return INVALID
            return value

        return check

    def date(self):
        def check(value, path):
            if value is None:
                return None
            # Python callers (seed_demo) may pass dates; a datetime is not a date here.
            if isinstance(value, date) and not isinstance(value, datetime):
                return value.isoformat()
            if isinstance(value, str) and ISO_DATE.match(value.strip()):
                try:
                    return date.fromisoformat(value.strip()).isoformat()
                except ValueError:
                    pass
            self.problem(path, f"{describe(value)} is not a date in the form YYYY-MM-DD")
            return INVALID

        return check

    def boolean(self):
        def check(value, path):
            if not isinstance(value, bool):
                self.problem(path, f"must be true or false, not {describe(value)}")
                return INVALID
            return value

        return check

    def choice(self, choices):
        values = list(choices.values)

        def check(value, path):
            if value not in values:
                self.problem(path, f"{describe(value)} is not one of {', '.join(values)}")
                return INVALID
            return value

        return check

    def items(self, item, required_noun=None):
        """A list whose items each pass ``item``; invalid items are reported and dropped.

        With ``required_noun`` the list must have at least one entry.
        """

        def check(value, path):
            if not isinstance(value, list):
                self.problem(path, f"must be a list, not {describe(value)}")
                return INVALID
            if required_noun and not value:
                self.problem(path, f"must list at least one {required_noun}")
                return INVALID
            cleaned = [item(entry, (*path, index)) for index, entry in enumerate(value)]
            return [entry for entry in cleaned if entry is not INVALID]

        return check


class DocumentValidator:
    """Validates a document; ``problems`` is a list of (path, message, other path or None)."""

    def __init__(self):
        self.problems = []
        # Where each cleaned record came from, by id(): dropped entries shift list positions.
        self.paths = {}
        c = Checks(self.problem)
        self.c = c
        self.specs = {
            "theme": {
                "name": Field(c.theme_name(), required=True),
                "description": Field(c.text(paragraphs=True)),
                # THEME_ADDITIONS, added compatibly to version 1.
                "what_we_know": Field(c.text(paragraphs=True)),
                "what_to_try": Field(c.text(paragraphs=True)),
                "gaps": Field(c.text(paragraphs=True)),
            },
            "mentor": {
                "name": Field(c.line(), required=True),
                "email": Field(c.email(), required=True),
                "organisation": Field(c.line()),
            },
            "cohort": {
                "slug": Field(c.slug(), required=True),
                "title": Field(c.line(), required=True),
                "programme": Field(c.line(), default=DEFAULT_PROGRAMME),
                "strand": Field(c.line()),
                "year": Field(c.year(), required=True),
                "start_date": Field(c.date(), default=None),
                "end_date": Field(c.date(), default=None),
                "summary": Field(c.text(paragraphs=True)),
                "fellows": Field(c.items(self.nested("fellow")), default=[]),
                "projects": Field(c.items(self.nested("project")), default=[]),
            },
            "fellow": {
                "slug": Field(c.slug(100), required=True),
                "name": Field(c.line(), required=True),
                "job_title": Field(c.line()),
                "organisation": Field(c.line()),
                "place": Field(self.optional_choice(Place)),
                "bio": Field(c.text(paragraphs=True)),
                "email": Field(c.email()),
            },
            "project": {
                "slug": Field(c.slug(), required=True),
                "title": Field(c.line(), required=True),
                "summary": Field(c.text(600), required=True),
                "fellows": Field(c.items(c.slug(100), required_noun="fellow"), required=True),
                "mentors": Field(c.items(c.email()), default=[]),
                "places": Field(c.items(c.choice(Place)), default=[]),
                "status": Field(c.choice(Status), required=True),
                "start_date": Field(c.date(), default=None),
                "end_date": Field(c.date(), default=None),
                "themes": Field(c.items(c.theme_name()), default=[]),
                "content_note": Field(c.line()),
                "sections": Field(c.items(self.nested("section")), default=[]),
                "findings": Field(c.items(self.nested("finding")), default=[]),
                "links": Field(c.items(self.nested("link")), default=[]),
                "live": Field(c.boolean(), default=True),
            },
            "section": {
                "heading": Field(c.line(120), required=True),
                "text": Field(c.text(paragraphs=True)),
            },
            "link": {
                "title": Field(c.line(), required=True),
                "url": Field(c.url(), required=True),
            },
            "finding": {
                "headline": Field(c.line(), required=True),
                "detail": Field(c.text(paragraphs=True)),
                "evidence_type": Field(c.choice(EvidenceType), required=True),
                "confidence": Field(c.choice(Confidence), required=True),
                "recommendation": Field(c.text(paragraphs=True)),
                "themes": Field(c.items(c.theme_name()), default=[]),
                # FINDING_ADDITIONS, added compatibly to version 1
                # (docs/import-format-extensions.md).
                "participants": Field(c.count(), default=None),
                "setting": Field(self.optional_choice(Setting)),
                "fieldwork_start": Field(c.date(), default=None),
                "fieldwork_end": Field(c.date(), default=None),
                "checked_by": Field(c.email()),
                "checked_at": Field(c.date(), default=None),
            },
            "event": {
                "slug": Field(c.slug(), required=True),
                "title": Field(c.line(), required=True),
                "start_date": Field(c.date(), required=True),
                "end_date": Field(c.date(), required=True),
                "format": Field(c.choice(EventFormat), required=True),
                "summary": Field(c.text(paragraphs=True)),
                "sessions": Field(c.items(self.nested("session")), default=[]),
            },
            "session": {
                "title": Field(c.line(), required=True),
                "date": Field(c.date(), default=None),
                "format": Field(self.optional_choice(EventFormat)),
                "summary": Field(c.text(paragraphs=True)),
                "speakers": Field(c.items(c.line()), default=[]),
                "projects": Field(c.items(c.slug()), default=[]),
                "recording_url": Field(c.url()),
            },
        }
        # Milestones and follow-ups are extensions of the format, each kept in its own module.
        from records import follow_ups, milestones

        milestones.attach(self)
        follow_ups.attach(self)

    def problem(self, path, message, other=None):
        self.problems.append((tuple(path), message, other))

    def optional_choice(self, choices):
        check = self.c.choice(choices)

        def optional(value, path):
            if isinstance(value, str) and not value.strip():
                return ""
            return check(value, path)

        return optional

    def nested(self, kind):
        def check(value, path):
            return self.record(kind, value, path)

        return check

    def record(self, kind, value, path):
        if not isinstance(value, dict):
            self.problem(path, f"each {kind} must be an object, not {describe(value)}")
            return INVALID
        spec = self.specs[kind]
        for key in value:
            if key not in spec:
                self.problem(
                    (*path, key), f"unknown field for a {kind}; expected one of {', '.join(spec)}"
                )
        # A record with a bad field is still returned (the bad field as INVALID) so that the
        # cross-reference checks can report its other problems too.
        cleaned = {}
        for name, field in spec.items():
            if name in ADDITIONS.get(kind, ()) and name not in value:
                continue
            raw = value.get(name)
            blank = raw is None or (isinstance(raw, str) and not raw.strip())
            if blank and field.required:
                self.problem((*path, name), f"is required for a {kind}")
                cleaned[name] = INVALID
            elif raw is None or (blank and not isinstance(field.default, list)):
                # An empty optional value means "not given": the default (the programme's name,
                # no date) rather than an error or a blank the page model would refuse.
                default = field.default
                cleaned[name] = list(default) if isinstance(default, list) else default
            else:
                cleaned[name] = field.check(raw, (*path, name))
        self.check_dates(cleaned, path)
        if kind == "finding":
            self.check_rating_check(cleaned, path)
        self.paths[id(cleaned)] = path
        return self.canonical(kind, cleaned)

    def check_dates(self, record, path):
        for first, last in DATE_PAIRS:
            start, end = record.get(first), record.get(last)
            if isinstance(start, str) and isinstance(end, str) and end < start:
                noun = "start date" if first == "start_date" else "fieldwork_start date"
                self.problem((*path, last), f"{end} is before the {noun} {start}")

    def check_rating_check(self, record, path):
        """A mentor's check of a rating is a who and a when: one without the other means nothing."""
        who, when = record.get("checked_by"), record.get("checked_at")
        if who and who is not INVALID and when is None:
            self.problem(
                (*path, "checked_at"),
                "is required when checked_by is given (the day the mentor checked the rating)",
            )
        if when and when is not INVALID and not who:
            self.problem(
                (*path, "checked_by"),
                "is required when checked_at is given (the email of the mentor who checked "
                "the rating)",
            )

    def canonical(self, kind, record):
        """Put lists in the order the site keeps them, so equal content compares equal."""

        def arrange(name, order):
            if isinstance(record.get(name), list):
                record[name] = order(record[name])

        if kind == "project":
            arrange("fellows", lambda slugs: sorted(set(slugs)))
            arrange("mentors", lambda emails: sorted(set(emails) - {""}))
            arrange("places", ordered_places)
        if kind in ("project", "finding"):
            arrange(
                "themes",
                lambda names: sorted_names({n.casefold(): n for n in reversed(names)}.values()),
            )
        if kind == "session":
            arrange("projects", lambda slugs: sorted(set(slugs)))
            arrange("speakers", lambda names: [name for name in names if name])
        return record

    def validate(self, data):
        """Return the cleaned document; problems are left in ``self.problems``."""
        if not isinstance(data, dict):
            self.problem((), f"the document must be an object, not {describe(data)}")
            return None
        for key in data:
            if key not in TOP_LEVEL:
                self.problem((key,), f"unknown section; expected one of {', '.join(TOP_LEVEL)}")
        if data.get("format") != FORMAT:
            found = describe(data["format"]) if "format" in data else "missing"
            self.problem(("format",), f"must be {FORMAT!r} (found {found})")
        cleaned = {}
        for key, kind in (
            ("themes", "theme"),
            ("mentors", "mentor"),
            ("cohorts", "cohort"),
            ("events", "event"),
        ):
            items = self.c.items(self.nested(kind))(data.get(key, []), (key,))
            cleaned[key] = [] if items is INVALID else items
        return cleaned
