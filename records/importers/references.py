"""Checks that need the whole document and the site: duplicates, references between records, and
clashes with pages already on the site."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page

from cohorts.models import CohortIndexPage, CohortPage, Fellow, Mentor
from events.models import EventIndexPage, EventPage
from projects.models import ProjectPage
from records.importers.validation import INVALID


def valid(value):
    return value is not INVALID and value not in (None, "")


def entries(record, field):
    """The list in ``field``, or nothing when the field itself was invalid."""
    value = record.get(field)
    return value if isinstance(value, list) else []


class ReferenceChecker:
    """Reports problems through ``validator.problem``; reads the site, never writes to it."""

    def __init__(self, validator, document):
        self.v = validator
        self.doc = document

    def path(self, record, *field):
        return (*self.v.paths[id(record)], *field)

    def unique(self, records, field, noun, key=lambda value: value):
        """Report every repeat of ``field`` among ``records``, pointing at the first use."""
        first = {}
        for record in records:
            value = record.get(field)
            if not valid(value):
                continue
            seen = first.setdefault(key(value), record)
            if seen is not record:
                self.v.problem(
                    self.path(record, field),
                    f"{value!r} is used by another {noun} in this file (first at {{other}})",
                    other=self.path(seen, field),
                )

    def check(self):
        cohorts = self.doc["cohorts"]
        fellows = [fellow for cohort in cohorts for fellow in entries(cohort, "fellows")]
        projects = [project for cohort in cohorts for project in entries(cohort, "projects")]
        self.unique(self.doc["themes"], "name", "theme", key=str.casefold)
        self.unique(self.doc["mentors"], "email", "mentor")
        self.unique(cohorts, "slug", "cohort")
        self.unique(fellows, "slug", "fellow")
        self.unique(fellows, "email", "fellow")
        self.unique(projects, "slug", "project")
        self.unique(self.doc["events"], "slug", "event")
        self.check_site_tree()
        self.check_fellow_accounts(fellows)
        self.check_project_people(cohorts)
        self.check_project_addresses(cohorts)
        self.check_sessions(projects)

    def check_site_tree(self):
        if self.doc["cohorts"] and not CohortIndexPage.objects.exists():
            self.v.problem(("cohorts",), "the site has no cohort index page to put cohorts under")
        if self.doc["events"] and not EventIndexPage.objects.exists():
            self.v.problem(
                ("events",), "the site has no Knowledge Exchange page to put events under"
            )
        for key, index_model, model, noun in (
            ("cohorts", CohortIndexPage, CohortPage, "cohort"),
            ("events", EventIndexPage, EventPage, "event"),
        ):
            index = index_model.objects.first()
            slugs = [r["slug"] for r in self.doc[key] if valid(r["slug"])]
            if index is None or not slugs:
                continue
            others = dict(
                Page.objects.child_of(index)
                .filter(slug__in=slugs)
                .exclude(content_type__model=model._meta.model_name)
                .values_list("slug", "title")
            )
            for record in self.doc[key]:
                if record["slug"] in others:
                    self.v.problem(
                        self.path(record, "slug"),
                        f"{record['slug']!r} is already the address of the page "
                        f"{others[record['slug']]!r}, which is not a {noun}",
                    )

    def check_fellow_accounts(self, fellows):
        """A fellow's email links one user account, which cannot belong to another fellow."""
        emails = {f["email"]: f for f in fellows if valid(f["email"])}
        taken = Fellow.objects.filter(user__username__in=list(emails)).values_list(
            "user__username", "slug"
        )
        for username, slug in taken:
            record = emails[username]
            if valid(record["slug"]) and record["slug"] != slug:
                self.v.problem(
                    self.path(record, "email"),
                    f"{username!r} is already the login of another fellow ({slug!r})",
                )

    def check_project_people(self, cohorts):
        # Fellows a file names, by the cohort it puts them in; fellows on the site that the file
        # does not mention stay in the cohort they are in.
        in_file = {
            f["slug"]: c["slug"] for c in cohorts for f in entries(c, "fellows") if valid(f["slug"])
        }
        on_site = defaultdict(set)
        for slug, cohort_slug in Fellow.objects.exclude(slug__in=list(in_file)).values_list(
            "slug", "cohort__slug"
        ):
            on_site[cohort_slug].add(slug)
        mentors = {m["email"] for m in self.doc["mentors"] if valid(m["email"])}
        projects = [p for c in cohorts for p in entries(c, "projects")]
        named = {email for p in projects for email in entries(p, "mentors")}
        named |= {f.get("checked_by") for p in projects for f in entries(p, "findings")}
        mentors |= set(Mentor.objects.filter(email__in=named).values_list("email", flat=True))

        for cohort in cohorts:
            members = {s for s, c in in_file.items() if c == cohort["slug"]}
            members |= on_site[cohort["slug"]]
            for project in entries(cohort, "projects"):
                for slug in entries(project, "fellows") if valid(cohort["slug"]) else []:
                    if slug not in members:
                        self.v.problem(
                            self.path(project, "fellows"),
                            f"{slug!r} is not a fellow of the cohort {cohort['slug']!r}",
                        )
                for email in entries(project, "mentors"):
                    if email not in mentors:
                        self.v.problem(
                            self.path(project, "mentors"),
                            f"{email!r} is not a mentor listed in this file or on the site",
                        )
                for finding in entries(project, "findings"):
                    email = finding.get("checked_by")
                    if valid(email) and email not in mentors:
                        self.v.problem(
                            self.path(finding, "checked_by"),
                            f"{email!r} is not a mentor listed in this file or on the site",
                        )

    def check_project_addresses(self, cohorts):
        """A project's slug may not belong to a project of another cohort, nor to another kind of
        page in its own cohort: projects are matched by slug across the site."""
        slugs = {p["slug"] for c in cohorts for p in entries(c, "projects") if valid(p["slug"])}
        pages = Page.objects.filter(slug__in=slugs).values_list(
            "slug", "title", "path", "content_type_id"
        )
        cohort_pages = {
            path: (slug, title)
            for path, slug, title in CohortPage.objects.filter(
                path__in={path[: -Page.steplen] for _, _, path, _ in pages}
            ).values_list("path", "slug", "title")
        }
        project_type = ContentType.objects.get_for_model(ProjectPage).pk
        taken = defaultdict(list)
        for slug, title, path, content_type in pages:
            parent = cohort_pages.get(path[: -Page.steplen])
            if parent is not None:
                taken[slug].append((content_type == project_type, title, *parent))
        for cohort in cohorts:
            for project in entries(cohort, "projects"):
                for is_project, title, cohort_slug, cohort_title in taken[project["slug"]]:
                    if is_project and cohort_slug != cohort["slug"]:
                        message = (
                            f"is already the address of the project {title!r} in {cohort_title}"
                        )
                    elif not is_project and cohort_slug == cohort["slug"]:
                        message = (
                            f"is already the address of the page {title!r}, which is not a project"
                        )
                    else:
                        continue
                    self.v.problem(self.path(project, "slug"), f"{project['slug']!r} {message}")

    def check_sessions(self, projects):
        known = {p["slug"] for p in projects if valid(p["slug"])}
        sessions = [s for event in self.doc["events"] for s in entries(event, "sessions")]
        named = {slug for session in sessions for slug in entries(session, "projects")}
        known |= set(ProjectPage.objects.filter(slug__in=named).values_list("slug", flat=True))
        for session in sessions:
            for slug in entries(session, "projects"):
                if slug not in known:
                    self.v.problem(
                        self.path(session, "projects"),
                        f"{slug!r} is not a project in this file or on the site",
                    )
