"""Milestones in the import format: a cohort's ``milestone_templates`` and a project's
``milestones`` (an extension of ``fellowship-import/1``, documented in docs/import-milestones.md).

Both fields are optional. Left out, the site's milestones stay as they are (a new project gets its
cohort's template, as in the admin); given, the list in the file is the list on the site, matched
by name. Check-ins are private and never in the format.
"""

from datetime import date

from tracking.models import Milestone, MilestoneTemplate


def attach(validator):
    """Called from the validator's ``__init__``: teach it the two fields and their records."""
    # Read here rather than at the top: the importers package imports this module.
    from records.importers.validation import Field

    specs, checks = validator.specs, validator.c
    specs["cohort"]["milestone_templates"] = Field(
        checks.items(validator.nested("milestone_template")), default=None
    )
    specs["project"]["milestones"] = Field(
        checks.items(validator.nested("milestone")), default=None
    )
    specs["milestone_template"] = {
        "name": Field(checks.line(120), required=True),
        "due_date": Field(checks.date(), required=True),
    }
    specs["milestone"] = {
        "name": Field(checks.line(120), required=True),
        "due_date": Field(checks.date(), required=True),
        "done_on": Field(checks.date(), default=None),
        "note": Field(checks.line(500)),
    }


def check_names(validator, cleaned):
    """Each name at most once in a cohort's template and in a project's milestones."""
    for c_index, cohort in enumerate(cleaned.get("cohorts", [])):
        _unique(validator, cohort.get("milestone_templates"), ("cohorts", c_index))
        for p_index, project in enumerate(cohort.get("projects") or []):
            path = ("cohorts", c_index, "projects", p_index)
            _unique(validator, project.get("milestones"), path)


def _unique(validator, items, path):
    if not isinstance(items, list):
        return
    field = "milestone_templates" if len(path) == 2 else "milestones"
    seen = set()
    for index, item in enumerate(items):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str):
            continue
        if name.casefold() in seen:
            validator.problem((*path, field, index, "name"), f"{name!r} is named twice")
        seen.add(name.casefold())


# Reading back from the site


def _iso(value):
    return value.isoformat() if value else None


def template_records(cohort):
    return [
        {"name": t.name, "due_date": _iso(t.due_date)}
        for t in MilestoneTemplate.objects.filter(cohort=cohort).order_by("due_date", "name")
    ]


def milestone_records(project):
    return [
        {"name": m.name, "due_date": _iso(m.due_date), "done_on": _iso(m.done_on), "note": m.note}
        for m in Milestone.objects.filter(project=project).order_by("due_date", "name")
    ]


def export_into(record, cohort, projects):
    """Add the cohort's template and each project's milestones to an exported cohort record."""
    record["milestone_templates"] = template_records(cohort)
    by_slug = {p.slug: p for p in projects}
    for project_record in record.get("projects", []):
        project_record["milestones"] = milestone_records(by_slug[project_record["slug"]])


# Writing


def _sort(items):
    return sorted(items, key=lambda r: (r["due_date"], r["name"]))


def _day(value):
    return date.fromisoformat(value) if value else None


def write_templates(writer, record, cohort):
    wanted = record.get("milestone_templates")
    if wanted is None:
        return
    current = template_records(cohort) if cohort is not None and cohort.pk else []
    _count(writer.report, "milestone templates", current, _sort(wanted))
    if not writer.apply or current == _sort(wanted):
        return
    MilestoneTemplate.objects.filter(cohort=cohort).exclude(
        name__in=[w["name"] for w in wanted]
    ).delete()
    for item in wanted:
        MilestoneTemplate.objects.update_or_create(
            cohort=cohort, name=item["name"], defaults={"due_date": _day(item["due_date"])}
        )


def write_milestones(writer, record, project):
    wanted = record.get("milestones")
    if wanted is None:
        return
    current = milestone_records(project) if project is not None else []
    desired = _sort([dict(item, note=item.get("note") or "") for item in wanted])
    _count(writer.report, "milestones", current, desired)
    if not writer.apply or current == desired:
        return
    Milestone.objects.filter(project=project).exclude(name__in=[w["name"] for w in wanted]).delete()
    for item in desired:
        Milestone.objects.update_or_create(
            project=project,
            name=item["name"],
            defaults={
                "due_date": _day(item["due_date"]),
                "done_on": _day(item["done_on"]),
                "note": item["note"],
            },
        )


def _count(report, kind, current, desired):
    have = {item["name"]: item for item in current}
    want = {item["name"]: item for item in desired}
    for name, item in want.items():
        if name not in have:
            report.add(kind, "created")
        else:
            report.add(kind, "unchanged" if have[name] == item else "updated")
    report.add(kind, "removed", len(set(have) - set(want)))
