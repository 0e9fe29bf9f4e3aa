"""What an import did (or, in a dry run, would do), and the error raised when a file is invalid."""

from dataclasses import dataclass, field

KINDS = ("themes", "mentors", "cohorts", "fellows", "projects", "findings", "events", "sessions")
# The milestone and follow-up extensions (records/milestones.py, records/follow_ups.py).
KINDS += ("milestone templates", "milestones", "follow-ups")
ACTIONS = ("created", "updated", "unchanged", "removed")


class ImportValidationError(Exception):
    """The document has problems; ``errors`` lists every one with its location. Nothing was written."""

    def __init__(self, errors):
        self.errors = list(errors)
        count = len(self.errors)
        super().__init__(
            f"The file has {count} problem{'s' if count != 1 else ''}; nothing was imported."
        )


@dataclass
class ImportReport:
    """Counts of records created, updated, left unchanged and removed, per kind of record.

    Findings and sessions are counted by position within their project or event; ``removed``
    only ever applies to them (a project's findings are the list in the file).
    """

    dry_run: bool = False
    source: str = "JSON"
    counts: dict = field(
        default_factory=lambda: {kind: dict.fromkeys(ACTIONS, 0) for kind in KINDS}
    )

    def add(self, kind, action, number=1):
        self.counts[kind][action] += number

    def total(self, action):
        return sum(row[action] for row in self.counts.values())

    @property
    def changed(self):
        """True when the import wrote (or would write) anything."""
        return any(self.total(action) for action in ("created", "updated", "removed"))

    def summary(self):
        verbs = {
            "created": "to create" if self.dry_run else "created",
            "updated": "to update" if self.dry_run else "updated",
            "unchanged": "unchanged",
            "removed": "to remove" if self.dry_run else "removed",
        }
        if self.dry_run:
            lines = [f"Dry run of {self.source}: the file is valid and nothing was written."]
        else:
            lines = [f"Imported {self.source}."]
        rows = [(kind, row) for kind, row in self.counts.items() if any(row.values())]
        if not rows:
            lines.append("The file has no records.")
        for kind, row in rows:
            parts = [f"{row[action]} {verbs[action]}" for action in ACTIONS[:3]]
            if row["removed"]:
                parts.append(f"{row['removed']} {verbs['removed']}")
            lines.append(f"  {kind + ':':<10} {', '.join(parts)}")
        if rows and not self.changed:
            lines.append("Everything was already up to date: unchanged.")
        return "\n".join(lines)
