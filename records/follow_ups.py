"""Follow-ups in the import format: a project's ``follow_ups``, each a fellow's follow-up at so many
months with their answer, its review and the parts made public (an extension of
``fellowship-import/1``, documented in docs/import-format-extensions.md).

The field is optional. Left out, the site's follow-ups stay as they are; given, each follow-up in
the file is created or updated, matched by fellow and months. A follow-up the file does not name is
kept: it holds a fellow's answer, which an old spreadsheet must not wipe out.
"""

from datetime import UTC, datetime

from django.utils import timezone

from impact.models import ANSWER_MAX_LENGTH, ANSWER_PARTS, MAX_EVIDENCE_LINKS, FollowUp, split_links
from impact.models import FollowUpStatus as Status

KIND = "follow-ups"
TEXTS = ("practice_change", "policy_change", "training_change", "service_change")
TEXTS += ("reach", "partners")
PART_NAMES = [name for name, _flag, _label in ANSWER_PARTS]
MAX_MONTHS = 120


class AnswerParts:
    """The parts of an answer as a vocabulary, so a workbook may name them by label."""

    choices = [(name, label) for name, _flag, label in ANSWER_PARTS]
    values = PART_NAMES


def attach(validator):
    """Called from the validator's ``__init__``: teach it the field and its record."""
    from records.importers.validation import INVALID, Field, describe

    checks, problem = validator.c, validator.problem

    def moment(value, path):
        if value is None:
            return None
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value.strip())
            except ValueError:
                parsed = None
            if parsed is not None:
                return iso_moment(parsed)
        problem(
            path,
            f"{describe(value)} is not a date and time in the form YYYY-MM-DDTHH:MM:SS+00:00 "
            "(or a date, YYYY-MM-DD)",
        )
        return INVALID

    def months(value, path):
        if isinstance(value, bool) or not isinstance(value, int):
            problem(path, f"must be a whole number of months, not {describe(value)}")
            return INVALID
        if not 1 <= value <= MAX_MONTHS:
            problem(path, f"{value} is not a number of months from 1 to {MAX_MONTHS}")
            return INVALID
        return value

    def links(value, path):
        cleaned = checks.items(checks.url())(value, path)
        if cleaned is INVALID:
            return INVALID
        cleaned = [link for link in cleaned if link]
        if len(cleaned) > MAX_EVIDENCE_LINKS:
            problem(
                path, f"lists {len(cleaned)} links; a follow-up takes up to {MAX_EVIDENCE_LINKS}"
            )
            return INVALID
        if len("\n".join(cleaned)) > ANSWER_MAX_LENGTH:
            problem(path, f"the links come to more than {ANSWER_MAX_LENGTH} characters")
            return INVALID
        return cleaned

    def parts(value, path):
        cleaned = checks.items(checks.choice(AnswerParts))(value, path)
        if cleaned is INVALID:
            return INVALID
        return [name for name in PART_NAMES if name in cleaned]

    validator.specs["project"]["follow_ups"] = Field(
        checks.items(validator.nested("follow_up")), default=None
    )
    validator.specs["follow_up"] = {
        "fellow": Field(checks.slug(100), required=True),
        "months": Field(months, required=True),
        "due_on": Field(checks.date(), required=True),
        "sent_at": Field(moment, default=None),
        "status": Field(checks.choice(Status), required=True),
        "answered_at": Field(moment, default=None),
        **{name: Field(checks.text(ANSWER_MAX_LENGTH)) for name in TEXTS[:4]},
        "people_reached": Field(checks.count(), default=None),
        **{name: Field(checks.text(ANSWER_MAX_LENGTH)) for name in TEXTS[4:]},
        "evidence_links": Field(links, default=[]),
        "public": Field(parts, default=[]),
        "reviewed_at": Field(moment, default=None),
    }


def iso_moment(value):
    """A moment as the format writes it: UTC, to the second. A moment without a zone is the site's."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(UTC).replace(microsecond=0).isoformat()


def check(validator, cleaned):
    """Per project: fellows of the project, one follow-up per fellow and interval, and a status
    that agrees with the answer and review dates."""
    for cohort in cleaned.get("cohorts", []):
        for project in cohort.get("projects") or []:
            items = project.get("follow_ups")
            if not isinstance(items, list):
                continue
            fellows = project.get("fellows") if isinstance(project.get("fellows"), list) else None
            seen = set()
            for item in items:
                path = validator.paths.get(id(item), ())
                _check_one(validator, item, path, fellows, seen)


def _check_one(validator, item, path, fellows, seen):
    fellow, months, status = item.get("fellow"), item.get("months"), item.get("status")
    if isinstance(fellow, str) and fellows is not None and fellow not in fellows:
        validator.problem(
            (*path, "fellow"),
            f"{fellow!r} is not one of this project's fellows ({', '.join(fellows)})",
        )
    if isinstance(fellow, str) and isinstance(months, int):
        if (fellow, months) in seen:
            validator.problem(
                (*path, "months"), f"{fellow!r} has two {months}-month follow-ups on this project"
            )
        seen.add((fellow, months))
    if not isinstance(status, str) or status not in Status.values:
        return
    answered = item.get("answered_at")
    if status == Status.AWAITING_ANSWER and isinstance(answered, str):
        validator.problem(
            (*path, "answered_at"),
            f"is given, but the status is {status}; an answered follow-up is awaiting_review "
            "or reviewed",
        )
    if status != Status.AWAITING_ANSWER and answered is None:
        validator.problem(
            (*path, "answered_at"),
            f"is required when the status is {status} (the day and time the fellow answered)",
        )
    if status != Status.REVIEWED and isinstance(item.get("reviewed_at"), str):
        validator.problem(
            (*path, "reviewed_at"), f"is given, but the status is {status}, not reviewed"
        )


# Reading back from the site


def _day(value):
    return value.isoformat() if value else None


def _moment(value):
    return iso_moment(value) if value else None


def follow_up_record(item, fellow_slug):
    """One follow-up in the canonical shape the validator cleans a file's follow-up into."""
    from records.importers.records import normalise_text

    record = {
        "fellow": fellow_slug,
        "months": item.months,
        "due_on": _day(item.due_on),
        "sent_at": _moment(item.sent_at),
        "status": item.status,
        "answered_at": _moment(item.answered_at),
    }
    for name in TEXTS:
        record[name] = normalise_text(getattr(item, name))
    record["people_reached"] = item.people_reached
    record["evidence_links"] = split_links(item.evidence_links)
    record["public"] = [name for name, flag, _label in ANSWER_PARTS if getattr(item, flag)]
    record["reviewed_at"] = _moment(item.reviewed_at)
    # The order of the validator's spec, so that an export reads like the documentation.
    order = ["fellow", "months", "due_on", "sent_at", "status", "answered_at", *TEXTS[:4]]
    order += ["people_reached", *TEXTS[4:], "evidence_links", "public", "reviewed_at"]
    return {name: record[name] for name in order}


def follow_up_records(project):
    items = FollowUp.objects.filter(project=project).select_related("fellow")
    return sorted(
        (follow_up_record(item, item.fellow.slug) for item in items),
        key=lambda r: (r["months"], r["fellow"]),
    )


def export_into(record, projects):
    """Add each project's follow-ups to the project records of an exported cohort."""
    by_slug = {p.slug: p for p in projects}
    for project_record in record.get("projects", []):
        project_record["follow_ups"] = follow_up_records(by_slug[project_record["slug"]])


# Writing


def _parse_moment(value):
    return datetime.fromisoformat(value) if value else None


def write(writer, record, project):
    """Create or update the project's follow-ups named in ``record``; others are kept."""
    wanted = record.get("follow_ups")
    if wanted is None:
        return
    current = {}
    if project is not None:
        for item in FollowUp.objects.filter(project=project).select_related("fellow"):
            current[(item.fellow.slug, item.months)] = item
    fellows = {}
    if writer.apply and wanted:
        from cohorts.models import Fellow

        fellows = {f.slug: f for f in Fellow.objects.filter(slug__in=record["fellows"])}
    for item in wanted:
        existing = current.get((item["fellow"], item["months"]))
        if existing is None:
            action = "created"
        elif follow_up_record(existing, item["fellow"]) == item:
            action = "unchanged"
        else:
            action = "updated"
        writer.report.add(KIND, action)
        if writer.apply and action != "unchanged":
            _save(existing or FollowUp(project=project, fellow=fellows[item["fellow"]]), item)


def _save(follow_up, item):
    follow_up.months = item["months"]
    follow_up.due_on = datetime.fromisoformat(item["due_on"]).date()
    follow_up.status = item["status"]
    for name in ("sent_at", "answered_at", "reviewed_at"):
        setattr(follow_up, name, _parse_moment(item[name]))
    for name in TEXTS:
        setattr(follow_up, name, item[name])
    follow_up.people_reached = item["people_reached"]
    follow_up.evidence_links = "\n".join(item["evidence_links"])
    for name, flag, _label in ANSWER_PARTS:
        setattr(follow_up, flag, name in item["public"])
    if follow_up.status != Status.REVIEWED:
        # Who reviewed it is not in the format (it names a user account); it goes with the review.
        follow_up.reviewed_by = None
    follow_up.save()
