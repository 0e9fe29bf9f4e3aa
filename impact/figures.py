"""The figures of the impact page, each a small table that a chart, a CSV file and "Our impact" share.

Every figure is built by one function from a few flat queries. ``public=True`` builds what "Our
impact" may show: only live public projects, approved use reports, and the parts of reviewed
follow-ups the programme team made public. Searches that found nothing are never public: their
words came from anyone.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from wagtail.models import Page

from cohorts.models import CohortPage
from core.vocabularies import Place
from impact.models import CHANGE_PARTS, FollowUp, FollowUpStatus, UnmetSearch
from projects.models import Finding, ProjectPage
from projects.models.themes import FindingTheme, ProjectPageTheme
from reuse.models import CitationDownloads, CitationFormat, FindingUse, OrganisationType

NO_PLACE = "No place given"
USE_MONTHS = 24
UNMET_SEARCHES_SHOWN = 50


@dataclass
class Figure:
    """One figure: a title, what it counts, and its rows of (label, number)."""

    slug: str
    title: str
    description: str
    label_heading: str
    value_heading: str
    rows: list = field(default_factory=list)
    chart: str = "bars"  # "bars" across, or "columns" over time
    publishable: bool = True
    # Optional: the parts each row's value is the sum of (a column each in the table and CSV).
    split_headings: list = field(default_factory=list)
    split_rows: list = field(default_factory=list)

    @property
    def total(self):
        return sum(value for _label, value in self.rows)

    @property
    def table_rows(self):
        """(label, parts, value) of each row; ``parts`` is empty unless the figure is split."""
        splits = self.split_rows or [[] for _row in self.rows]
        return [
            (label, parts, value) for (label, value), parts in zip(self.rows, splits, strict=True)
        ]

    @property
    def split_totals(self):
        return [sum(parts[i] for parts in self.split_rows) for i in range(len(self.split_headings))]

    @property
    def csv_headers(self):
        return [self.label_heading, *self.split_headings, self.value_heading]

    @property
    def csv_rows(self):
        return [[label, *parts, value] for label, parts, value in self.table_rows]


def _projects(public):
    projects = ProjectPage.objects.all()
    return projects.live().public() if public else projects.live()


def findings_by_cohort(public):
    """Findings on published projects, per cohort (newest first)."""
    cohort_paths = {
        c["path"]: c["title"]
        for c in CohortPage.objects.order_by("-year", "title").values("path", "title")
    }
    counts = Counter()
    for path in Finding.objects.filter(page__in=_projects(public)).values_list(
        "page__path", flat=True
    ):
        counts[path[: -Page.steplen]] += 1
    rows = [(title, counts[path]) for path, title in cohort_paths.items() if counts[path]]
    return Figure(
        "findings-by-cohort",
        "Findings published per cohort",
        "Findings on projects that are live on the public site, by the cohort of the project.",
        "Cohort",
        "Findings",
        rows,
    )


def findings_by_theme(public):
    """Findings on published projects per theme: a finding's own themes and its project's."""
    projects = _projects(public)
    findings = list(Finding.objects.filter(page__in=projects).values_list("pk", "page_id"))
    themes = defaultdict(set)
    for finding_id, name in FindingTheme.objects.filter(
        content_object__page__in=projects
    ).values_list("content_object_id", "tag__name"):
        themes[("finding", finding_id)].add(name)
    for project_id, name in ProjectPageTheme.objects.filter(
        content_object__in=projects
    ).values_list("content_object_id", "tag__name"):
        themes[("project", project_id)].add(name)
    counts = Counter()
    for finding_id, project_id in findings:
        for name in themes[("finding", finding_id)] | themes[("project", project_id)]:
            counts[name] += 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))
    return Figure(
        "findings-by-theme",
        "Findings published per theme",
        "Findings on live projects, by theme. A finding counts under its own themes and its "
        "project's, so one finding can count under several themes.",
        "Theme",
        "Findings",
        rows,
    )


def _approved_uses(public):
    uses = FindingUse.objects.approved()
    if public:
        uses = uses.filter(finding__page__in=_projects(True))
    return uses


def _month_starts(end, count):
    months = []
    year, month = end.year, end.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def uses_by_month(public, today=None):
    """Approved "I used this finding" reports in each of the last 24 months."""
    today = today or timezone.localdate()
    months = _month_starts(today, USE_MONTHS)
    counts = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"]
        for row in _approved_uses(public)
        .filter(created__date__gte=months[0])
        .annotate(month=TruncMonth("created"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
    }
    rows = [(f"{month:%b %Y}", counts.get(month, 0)) for month in months]
    return Figure(
        "uses-by-month",
        "Findings used in practice, by month",
        f"Approved “I used this finding” reports, by the month they were sent, over the last "
        f"{USE_MONTHS} months.",
        "Month",
        "Reports",
        rows,
        chart="columns",
    )


def uses_by_sector(public):
    """Approved use reports by the kind of organisation the person works in."""
    counts = dict(
        _approved_uses(public)
        .order_by()
        .values("organisation_type")
        .annotate(n=Count("pk"))
        .values_list("organisation_type", "n")
    )
    rows = [(label, counts.get(value, 0)) for value, label in OrganisationType.choices]
    return Figure(
        "uses-by-sector",
        "Findings used in practice, by sector",
        "Approved “I used this finding” reports, by where the person who used the finding works.",
        "Sector",
        "Reports",
        rows,
    )


def uses_by_place(public):
    """Approved use reports by the places of the project whose finding was used."""
    counts = Counter()
    for places in _approved_uses(public).values_list("finding__page__places", flat=True):
        for place in set(places or []) or {NO_PLACE}:
            counts[place] += 1
    rows = [(label, counts[value]) for value, label in Place.choices]
    if counts[NO_PLACE]:
        rows.append((NO_PLACE, counts[NO_PLACE]))
    return Figure(
        "uses-by-place",
        "Findings used in practice, by place",
        "Approved “I used this finding” reports, by the places of the project whose finding was "
        "used (the report form does not ask where the reader works). A project in two places "
        "counts in both.",
        "Place",
        "Reports",
        rows,
    )


def outcomes_by_kind(public):
    """Follow-up answers reporting each kind of change."""
    follow_ups = FollowUp.objects.exclude(answered_at=None)
    if public:
        follow_ups = FollowUp.objects.public()
    counts = Counter()
    for follow_up in follow_ups.only(
        *[f for f, _flag, _label in CHANGE_PARTS], *[flag for _f, flag, _label in CHANGE_PARTS]
    ):
        for value_field, flag, label in CHANGE_PARTS:
            shown = getattr(follow_up, flag) or not public
            if shown and getattr(follow_up, value_field).strip():
                counts[label] += 1
    rows = [(label, counts[label]) for _f, _flag, label in CHANGE_PARTS]
    description = (
        "Reviewed follow-ups whose fellows reported each kind of change, counting only what the "
        "programme team made public. One answer can report several kinds."
        if public
        else "Answered follow-ups reporting each kind of change, reviewed or not (the public "
        "version counts only reviewed, public parts). One answer can report several kinds."
    )
    return Figure(
        "outcomes-by-kind",
        "What changed after the fellowship",
        description,
        "Kind of change",
        "Follow-ups",
        rows,
    )


def citation_downloads(public, today=None):
    """Citations of projects and findings downloaded in each of the last 24 months, by format.

    The same figure in public: only public projects and findings can be cited, and the counts say
    nothing about who downloaded them.
    """
    today = today or timezone.localdate()
    months = _month_starts(today, USE_MONTHS)
    counts = Counter()
    for month, citation_format, number in (
        CitationDownloads.objects.filter(month__gte=months[0])
        .order_by()
        .values("month", "format")
        .annotate(n=Sum("count"))
        .values_list("month", "format", "n")
    ):
        counts[(month, citation_format)] += number
    formats = CitationFormat.choices
    splits = [[counts[(month, value)] for value, _label in formats] for month in months]
    return Figure(
        "citation-downloads",
        "Citations downloaded, by month",
        f"Citations of projects and findings downloaded as BibTeX, RIS or CSL-JSON, by month, over "
        f"the last {USE_MONTHS} months. Only the number is kept: not who downloaded a citation, "
        "from where, or of what.",
        "Month",
        "Downloads",
        [(f"{month:%b %Y}", sum(parts)) for month, parts in zip(months, splits, strict=True)],
        chart="columns",
        split_headings=[label for _value, label in formats],
        split_rows=splits,
    )


def unmet_searches():
    """The queries that most often found nothing, all months together."""
    rows = list(
        UnmetSearch.objects.order_by()
        .values("query")
        .annotate(total=Sum("count"))
        .order_by("-total", "query")
        .values_list("query", "total")[:UNMET_SEARCHES_SHOWN]
    )
    return Figure(
        "unmet-searches",
        "Searches that found nothing",
        f"The {UNMET_SEARCHES_SHOWN} searches that most often found nothing, grouped after "
        "lower-casing and tidying spaces. Only the words are kept: not who searched, nor from "
        "where. Never published: the words come from anyone.",
        "Search",
        "Times",
        rows,
        publishable=False,
    )


def follow_up_counts():
    """How many follow-ups are waiting for an answer, waiting for review, and reviewed."""
    counts = dict(
        FollowUp.objects.exclude(sent_at=None)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in FollowUpStatus.choices]


def follow_ups_by_status():
    """The follow-up counts as a figure, so that they too have a chart and a download."""
    return Figure(
        "follow-ups-by-status",
        "Follow-ups sent, by where they are",
        "Follow-ups emailed to fellows: waiting for the fellow's answer, answered and waiting for "
        "the programme team's review, or reviewed. Never published: it is the team's work list.",
        "Status",
        "Follow-ups",
        follow_up_counts(),
        publishable=False,
    )


# Every figure, in the order of the page; a function of ``public`` unless it is never public.
BUILDERS = {
    "findings-by-cohort": findings_by_cohort,
    "findings-by-theme": findings_by_theme,
    "uses-by-month": uses_by_month,
    "uses-by-sector": uses_by_sector,
    "uses-by-place": uses_by_place,
    "outcomes-by-kind": outcomes_by_kind,
    "citation-downloads": citation_downloads,
    "unmet-searches": lambda public: unmet_searches(),
    "follow-ups-by-status": lambda public: follow_ups_by_status(),
}
NEVER_PUBLIC = {"unmet-searches", "follow-ups-by-status"}
PUBLISHABLE = [slug for slug in BUILDERS if slug not in NEVER_PUBLIC]


def build(slug, public):
    if public and slug not in PUBLISHABLE:
        raise KeyError(slug)
    return BUILDERS[slug](public)


def all_figures(public=False):
    return [build(slug, public) for slug in (PUBLISHABLE if public else BUILDERS)]
