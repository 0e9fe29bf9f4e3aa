"""Applies a validated document to the site, or in a dry run only works out what would change.

Each record is compared with the same record read back from the site (``records``); only records
that differ are written, so a second import of the same file makes no revisions and no log entries.
Pages are written the way the Wagtail admin writes them: ``add_child``, then ``save_revision``, then
publish (or leave as a draft), so revisions, the audit log and search indexing all follow.
"""

import uuid
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.log_actions import log

from cohorts.models import CohortIndexPage, CohortPage, Fellow, Mentor
from core.roles import FELLOWS as FELLOWS_GROUP
from core.roles import MENTORS as MENTORS_GROUP
from events.models import EventIndexPage, EventPage, EventSession
from projects.models import Finding, ProjectLink, ProjectPage, Theme
from records import follow_ups, milestones
from records.importers import records
from records.importers.validation import FINDING_ADDITIONS, THEME_ADDITIONS

COHORT_FIELDS = (
    "slug",
    "title",
    "programme",
    "strand",
    "year",
    "start_date",
    "end_date",
    "summary",
)
FELLOW_FIELDS = ("slug", "name", "job_title", "organisation", "place", "bio", "email")
PROJECT_FIELDS = (
    "slug",
    "title",
    "summary",
    "places",
    "status",
    "start_date",
    "end_date",
    "content_note",
)
FINDING_FIELDS = (
    "headline",
    "detail",
    "evidence_type",
    "confidence",
    "recommendation",
    "participants",
    "setting",
    "fieldwork_start",
    "fieldwork_end",
    "checked_at",
)
DATE_FIELDS = {"fieldwork_start", "fieldwork_end", "checked_at"}
EVENT_FIELDS = ("slug", "title", "start_date", "end_date", "format", "summary")
SESSION_FIELDS = ("title", "date", "format", "summary", "recording_url")


def assign(obj, record, names):
    for name in names:
        value = record[name]
        if name.endswith("date") or name in DATE_FIELDS:
            value = date.fromisoformat(value) if value else None
        setattr(obj, name, value)


def compare(kind, current, desired, report):
    """Count list children (findings, sessions) matched by position."""
    for index in range(max(len(current), len(desired))):
        if index >= len(current):
            report.add(kind, "created")
        elif index >= len(desired):
            report.add(kind, "removed")
        else:
            report.add(kind, "unchanged" if current[index] == desired[index] else "updated")


def with_kept_additions(findings, current):
    """``findings`` with each field the file left out taken from the site's finding in its place.

    Findings are matched by position, as everywhere else in the import; a new finding gets the
    empty value.
    """
    result = []
    for index, finding in enumerate(findings):
        on_site = current[index] if index < len(current) else FINDING_ADDITIONS
        kept = {name: on_site[name] for name in FINDING_ADDITIONS if name not in finding}
        result.append({**finding, **kept})
    return result


def merge_sections(body, sections):
    """Replace the write-up's section blocks in place, by position; other blocks stay where they are.

    A section whose text reads the same as before keeps its rich text, so formatting an editor
    added survives a re-import.
    """
    incoming = iter(sections)
    merged = []
    for block in body.raw_data:
        if block["type"] != "section":
            merged.append(dict(block))
            continue
        section = next(incoming, None)
        if section is not None:
            merged.append(
                {
                    "type": "section",
                    "value": section_value(section, block["value"]),
                    "id": block.get("id") or str(uuid.uuid4()),
                }
            )
    for section in incoming:
        merged.append({"type": "section", "value": section_value(section), "id": str(uuid.uuid4())})
    return merged


def section_value(section, old=None):
    body = records.text_to_rich_text(section["text"])
    if old and records.rich_text_to_text(old.get("body", "")) == section["text"]:
        body = old["body"]
    return {"heading": section["heading"], "body": body}


def reuse(existing, count, factory):
    """The first ``count`` of ``existing`` (so ids and finding keys stay), topped up with new objects.

    Each keeps its position as ``sort_order``: without it the order of findings, links and sessions
    would be whatever the database returns, which PostgreSQL does not keep stable.
    """
    objects = [existing[i] if i < len(existing) else factory() for i in range(count)]
    for position, obj in enumerate(objects):
        obj.sort_order = position
    return objects


class Writer:
    """Walks the cleaned document in order: themes, mentors, cohorts with fellows and projects, events."""

    def __init__(self, document, report, *, apply, progress=None):
        self.doc = document
        self.report = report
        self.apply = apply
        self.progress = progress
        self.done = {}
        self.groups = {}

    def tick(self, kind, total):
        self.done[kind] = self.done.get(kind, 0) + 1
        if self.progress:
            self.progress(kind, self.done[kind], total)

    def run(self):
        self.write_themes()
        self.write_mentors()
        # Whoever checked a finding's rating: a mentor in the file or already on the site.
        self.mentors_by_email = {mentor.email: mentor for mentor in Mentor.objects.all()}
        cohorts = self.doc["cohorts"]
        fellows = [f for c in cohorts for f in c["fellows"]]
        projects = [p for c in cohorts for p in c["projects"]]
        self.fellows = {
            f.slug: f
            for f in Fellow.objects.filter(slug__in=[f["slug"] for f in fellows])
            .select_related("cohort", "user")
            .prefetch_related("user__groups")
        }
        self.projects = {
            p.slug: p for p in ProjectPage.objects.filter(slug__in=[p["slug"] for p in projects])
        }
        index = CohortIndexPage.objects.first()
        cohort_pages = {}
        if index is not None:
            cohort_pages = {
                page.slug: page
                for page in CohortPage.objects.child_of(index).filter(
                    slug__in=[c["slug"] for c in cohorts]
                )
            }
        for record in cohorts:
            page = self.write_cohort(record, index, cohort_pages.get(record["slug"]))
            self.tick("cohorts", len(cohorts))
            milestones.write_templates(self, record, page)
            for fellow in record["fellows"]:
                self.write_fellow(fellow, page, record["slug"])
                self.tick("fellows", len(fellows))
            for project in record["projects"]:
                self.write_project(project, page)
                written = ProjectPage.objects.filter(slug=project["slug"]).first()
                milestones.write_milestones(self, project, written)
                follow_ups.write(self, project, written)
                self.tick("projects", len(projects))
        self.write_events()

    # Themes, mentors and accounts

    def write_themes(self):
        self.themes = {theme.name.casefold(): theme for theme in Theme.objects.all()}
        self.theme_names = {key: theme.name for key, theme in self.themes.items()}
        for record in self.doc["themes"]:
            key = record["name"].casefold()
            theme = self.themes.get(key)
            on_site = records.theme_record(theme) if theme is not None else THEME_ADDITIONS
            record = {**{name: on_site[name] for name in THEME_ADDITIONS}, **record}
            if theme is None:
                action = "created"
                theme = Theme(name=record["name"])
            elif on_site == record:
                action = "unchanged"
            else:
                action = "updated"
            self.report.add("themes", action)
            if self.apply and action != "unchanged":
                for name in ("name", "description", *THEME_ADDITIONS):
                    setattr(theme, name, record[name])
                theme.save()
            self.themes[key], self.theme_names[key] = theme, record["name"]
        # Themes named on projects and findings but not listed are created with the first spelling.
        for cohort in self.doc["cohorts"]:
            for project in cohort["projects"]:
                named = project["themes"] + [n for f in project["findings"] for n in f["themes"]]
                for name in named:
                    key = name.casefold()
                    if key not in self.theme_names:
                        self.report.add("themes", "created")
                        self.theme_names[key] = name
                        if self.apply:
                            self.themes[key] = Theme.objects.create(name=name)

    def theme_list(self, names):
        return records.sorted_names(self.theme_names[name.casefold()] for name in names)

    def group(self, name):
        # The migration that grants the groups their permissions may not have run yet.
        if name not in self.groups:
            self.groups[name] = Group.objects.get_or_create(name=name)[0]
        return self.groups[name]

    @staticmethod
    def has_account(user, email, group_name):
        return (
            user is not None
            and user.username.lower() == email
            and any(group.name == group_name for group in user.groups.all())
        )

    def account(self, email, name, group_name):
        """The user whose login is ``email``, created without a usable password if missing."""
        User = get_user_model()
        user = User.objects.filter(username__iexact=email).first()
        if user is None:
            first, _, last = name.partition(" ")
            user = User(username=email, email=email, first_name=first[:150], last_name=last[:150])
            user.set_unusable_password()
            user.save()
        user.groups.add(self.group(group_name))
        return user

    def write_mentors(self):
        emails = [record["email"] for record in self.doc["mentors"]]
        existing = {
            mentor.email: mentor
            for mentor in Mentor.objects.filter(email__in=emails)
            .select_related("user")
            .prefetch_related("user__groups")
        }
        for record in self.doc["mentors"]:
            mentor = existing.get(record["email"])
            if mentor is None:
                action = "created"
                mentor = Mentor(email=record["email"])
            elif records.mentor_record(mentor) == record and self.has_account(
                mentor.user, record["email"], MENTORS_GROUP
            ):
                action = "unchanged"
            else:
                action = "updated"
            self.report.add("mentors", action)
            if self.apply and action != "unchanged":
                mentor.name, mentor.organisation = record["name"], record["organisation"]
                mentor.user = self.account(record["email"], record["name"], MENTORS_GROUP)
                mentor.save()

    def write_fellow(self, record, cohort_page, cohort_slug):
        fellow = self.fellows.get(record["slug"])
        if fellow is None:
            action = "created"
            fellow = Fellow(slug=record["slug"])
        elif (
            records.fellow_record(fellow) == record
            and fellow.cohort is not None
            and fellow.cohort.slug == cohort_slug
            and (
                not record["email"] or self.has_account(fellow.user, record["email"], FELLOWS_GROUP)
            )
        ):
            action = "unchanged"
        else:
            action = "updated"
        self.report.add("fellows", action)
        if self.apply and action != "unchanged":
            assign(fellow, record, FELLOW_FIELDS)
            fellow.cohort = cohort_page
            if record["email"]:
                fellow.user = self.account(record["email"], record["name"], FELLOWS_GROUP)
            fellow.save()

    # Pages

    def create_page(self, parent, page, publish):
        page.live = False
        parent.add_child(instance=page)
        revision = page.save_revision()
        log(instance=page, action="wagtail.create", content_changed=True)
        if publish:
            revision.publish()
        return page

    def update_page(self, page, edited, publish):
        revision = edited.save_revision(log_action=True)
        if publish:
            revision.publish()
        elif page.live:
            type(page).objects.get(pk=page.pk).unpublish()

    @staticmethod
    def latest(page):
        return page.get_latest_revision_as_object() if page is not None else None

    @staticmethod
    def action(page, current, desired, publish):
        if page is None:
            return "created"
        # A live page whose newest revision is unpublished still needs publishing.
        stale = publish and (not page.live or page.has_unpublished_changes)
        return "unchanged" if current == desired and not stale else "updated"

    def write_cohort(self, record, index, page):
        own = {name: record[name] for name in COHORT_FIELDS}
        edited = self.latest(page)
        publish = page is None or page.live
        current = records.cohort_record(edited) if edited else None
        action = self.action(page, current, own, publish)
        self.report.add("cohorts", action)
        if not self.apply or action == "unchanged":
            return page
        edited = edited or CohortPage()
        assign(edited, record, COHORT_FIELDS)
        if page is None:
            return self.create_page(index, edited, publish=True)
        self.update_page(page, edited, publish)
        return page

    def write_project(self, record, cohort_page):
        page = self.projects.get(record["slug"])
        edited = self.latest(page)
        current = records.project_record(edited, page.live) if edited else None
        findings = [dict(f, themes=self.theme_list(f["themes"])) for f in record["findings"]]
        desired = dict(
            record,
            themes=self.theme_list(record["themes"]),
            findings=with_kept_additions(findings, current["findings"] if current else []),
        )
        # Milestones and follow-ups are compared and written on their own (records/milestones.py,
        # records/follow_ups.py).
        desired.pop("milestones", None)
        desired.pop("follow_ups", None)
        action = self.action(page, current, desired, record["live"])
        self.report.add("projects", action)
        compare(
            "findings", current["findings"] if current else [], desired["findings"], self.report
        )
        if not self.apply or action == "unchanged":
            return
        edited = edited or ProjectPage()
        assign(edited, record, PROJECT_FIELDS)
        edited.fellows.set(list(Fellow.objects.filter(slug__in=record["fellows"])))
        edited.mentors.set(list(Mentor.objects.filter(email__in=record["mentors"])))
        edited.themes.set([self.themes[name.casefold()] for name in desired["themes"]])
        edited.body = merge_sections(edited.body, record["sections"])
        findings = reuse(list(edited.findings.all()), len(desired["findings"]), Finding)
        for finding, wanted in zip(findings, desired["findings"], strict=True):
            assign(finding, wanted, FINDING_FIELDS)
            finding.checked_by = self.mentors_by_email.get(wanted["checked_by"])
            finding.themes.set([self.themes[name.casefold()] for name in wanted["themes"]])
        edited.findings = findings
        links = reuse(list(edited.links.all()), len(record["links"]), ProjectLink)
        for link, wanted in zip(links, record["links"], strict=True):
            link.title, link.url = wanted["title"], wanted["url"]
        edited.links = links
        if page is None:
            self.create_page(cohort_page, edited, publish=record["live"])
        else:
            self.update_page(page, edited, publish=record["live"])

    def write_events(self):
        events = self.doc["events"]
        index = EventIndexPage.objects.first()
        pages = {}
        if index is not None:
            pages = {
                page.slug: page
                for page in EventPage.objects.child_of(index).filter(
                    slug__in=[e["slug"] for e in events]
                )
            }
        for record in events:
            self.write_event(record, index, pages.get(record["slug"]))
            self.tick("events", len(events))

    def write_event(self, record, index, page):
        own = {name: record[name] for name in EVENT_FIELDS}
        edited = self.latest(page)
        publish = page is None or page.live
        current, sessions = None, []
        if edited is not None:
            current = records.event_record(edited)
            sessions = [records.session_record(s) for s in edited.sessions.all()]
        action = self.action(page, current, own, publish)
        if action == "unchanged" and sessions != record["sessions"]:
            action = "updated"
        self.report.add("events", action)
        compare("sessions", sessions, record["sessions"], self.report)
        if not self.apply or action == "unchanged":
            return
        edited = edited or EventPage()
        assign(edited, record, EVENT_FIELDS)
        objects = reuse(list(edited.sessions.all()), len(record["sessions"]), EventSession)
        for session, wanted in zip(objects, record["sessions"], strict=True):
            assign(session, wanted, SESSION_FIELDS)
            session.speakers = "\n".join(wanted["speakers"])
            session.projects.set(list(ProjectPage.objects.filter(slug__in=wanted["projects"])))
        edited.sessions = objects
        if page is None:
            self.create_page(index, edited, publish=True)
        else:
            self.update_page(page, edited, publish)
