"""The figures on the programme dashboard, each built from a fixed number of queries.

Every report reads its rows in one or two aggregate or flat queries and does the grouping in
Python, so the dashboard costs the same number of queries with ten projects or ten thousand.
"""

from collections import Counter, defaultdict

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.models import Page, TaskState, WorkflowState

from cohorts.models import CohortPage
from core.vocabularies import Place, Status
from projects import evidence_map as evidence_maps
from projects.models import ProjectPage

NO_PLACE = "No place given"


class Dashboard:
    """The dashboard's reports, each computed on first use so a CSV download runs only its own."""

    def __init__(self, now=None):
        self.now = now or timezone.now()

    # Shared lookups --------------------------------------------------------------------------

    @cached_property
    def cohorts(self):
        """Cohorts newest first, as dictionaries with their tree path."""
        return list(CohortPage.objects.order_by("-year", "title").values("pk", "path", "title"))

    @cached_property
    def cohort_titles_by_path(self):
        return {c["path"]: c["title"] for c in self.cohorts}

    @cached_property
    def public_projects(self):
        """Live projects without a view restriction: what anyone may read."""
        return ProjectPage.objects.live().public()

    # Projects by status per cohort ------------------------------------------------------------

    @cached_property
    def projects_by_status(self):
        """Per cohort: projects in each status, all projects and published projects.

        Drafts count here (the programme wants to see work in progress); the status is the one
        last published, or the one a never-published project was created with.
        """
        counts = (
            ProjectPage.objects.order_by()
            .annotate(cohort_path=Substr("path", 1, Length("path") - Page.steplen))
            .values("cohort_path", "status")
            .annotate(total=Count("pk"), published=Count("pk", filter=Q(live=True)))
        )
        by_cohort = defaultdict(lambda: {"statuses": Counter(), "total": 0, "published": 0})
        for row in counts:
            entry = by_cohort[row["cohort_path"]]
            entry["statuses"][row["status"]] += row["total"]
            entry["total"] += row["total"]
            entry["published"] += row["published"]
        rows = []
        for cohort in self.cohorts:
            entry = by_cohort.get(cohort["path"], {"statuses": {}, "total": 0, "published": 0})
            rows.append(
                {
                    "cohort": cohort["title"],
                    "statuses": [entry["statuses"].get(s, 0) for s in Status.values],
                    "total": entry["total"],
                    "published": entry["published"],
                }
            )
        totals = {
            "cohort": "All cohorts",
            "statuses": [sum(r["statuses"][i] for r in rows) for i in range(len(Status.values))],
            "total": sum(r["total"] for r in rows),
            "published": sum(r["published"] for r in rows),
        }
        return {"statuses": Status.labels, "rows": rows, "totals": totals}

    def projects_by_status_csv(self):
        report = self.projects_by_status
        headers = ["Cohort", *report["statuses"], "All projects", "Published"]
        rows = [
            [r["cohort"], *r["statuses"], r["total"], r["published"]]
            for r in [*report["rows"], report["totals"]]
        ]
        return headers, rows

    # Evidence and gap map ---------------------------------------------------------------------

    @cached_property
    def evidence_map(self):
        """The evidence and gap map of every theme, drafts' themes included: a theme with nothing
        published is a gap the programme team should see (the public map leaves it out)."""
        return evidence_maps.build(evidence_maps.BY_EVIDENCE, public_only=False)

    def evidence_map_csv(self):
        headers = ["Theme", "Evidence type", "Findings", "Strongest confidence"]
        rows = []
        for row in self.evidence_map.rows:
            for column, cell in row.pairs:
                rows.append([row.theme, column.label, cell.count, cell.strongest_label])
            rows.append(
                [row.theme, "All evidence types", row.total.count, row.total.strongest_label]
            )
        return headers, rows

    # Places covered ---------------------------------------------------------------------------

    @cached_property
    def places(self):
        """Projects per place, published and all (drafts included: the spread of work under way)."""
        public_ids = set(self.public_projects.values_list("pk", flat=True))
        total, published = Counter(), Counter()
        for pk, places in ProjectPage.objects.order_by().values_list("pk", "places"):
            for place in set(places or []) or {NO_PLACE}:
                total[place] += 1
                if pk in public_ids:
                    published[place] += 1
        labels = [*Place.choices, (NO_PLACE, NO_PLACE)]
        most = max(total.values(), default=0)
        rows = [
            {
                "place": label,
                "total": total[value],
                "published": published[value],
                "share": round(100 * total[value] / most) if most else 0,
            }
            for value, label in labels
            if value != NO_PLACE or total[value]
        ]
        return {"rows": rows, "uncovered": [r["place"] for r in rows if not r["total"]]}

    def places_csv(self):
        return (
            ["Place", "All projects", "Published projects"],
            [[r["place"], r["total"], r["published"]] for r in self.places["rows"]],
        )

    # Reviews waiting --------------------------------------------------------------------------

    @cached_property
    def waiting_summary(self):
        """How many reviews are waiting and the longest wait in days, in one query."""
        summary = self._waiting_task_states().aggregate(count=Count("pk"), oldest=Min("started_at"))
        oldest = summary["oldest"]
        return {
            "waiting": summary["count"],
            "longest_wait": (self.now - oldest).days if oldest else 0,
        }

    def _waiting_task_states(self):
        return TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        )

    @cached_property
    def reviews_waiting(self):
        """Pages waiting on a review task, oldest first, with how many days they have waited."""
        from reviews.models import MentorReviewTask

        mentor_task_type = ContentType.objects.get_for_model(MentorReviewTask)
        states = list(
            self._waiting_task_states()
            .select_related("task", "workflow_state__requested_by")
            .order_by("started_at", "pk")
        )
        page_ids = [int(s.workflow_state.object_id) for s in states]
        pages = {
            p["pk"]: p for p in Page.objects.filter(pk__in=page_ids).values("pk", "title", "path")
        }
        mentors = defaultdict(list)
        for project_id, name in (
            ProjectPage.mentors.through.objects.filter(projectpage_id__in=page_ids)
            .order_by("mentor__name")
            .values_list("projectpage_id", "mentor__name")
        ):
            mentors[project_id].append(name)
        rows = []
        for state in states:
            page_id = int(state.workflow_state.object_id)
            page = pages.get(page_id)
            if page is None:
                continue
            if state.task.content_type_id == mentor_task_type.pk:
                reviewers = ", ".join(mentors[page_id]) or "Programme team (no mentor assigned)"
            else:
                reviewers = "Programme team"
            requested_by = state.workflow_state.requested_by
            rows.append(
                {
                    "page_id": page_id,
                    "title": page["title"],
                    "cohort": self.cohort_titles_by_path.get(page["path"][: -Page.steplen], ""),
                    "task": state.task.name,
                    "reviewers": reviewers,
                    "submitted_by": (requested_by.get_full_name() or requested_by.get_username())
                    if requested_by
                    else "",
                    "submitted_at": state.workflow_state.created_at,
                    "waiting_since": state.started_at,
                    "days": (self.now - state.started_at).days,
                }
            )
        return {"rows": rows}

    def reviews_waiting_csv(self):
        headers = [
            "Project",
            "Cohort",
            "Waiting for",
            "Reviewers",
            "Submitted by",
            "Submitted on",
            "Waiting since",
            "Days waiting",
        ]

        def day(value):
            return timezone.localtime(value).date().isoformat()

        rows = [
            [
                r["title"],
                r["cohort"],
                r["task"],
                r["reviewers"],
                r["submitted_by"],
                day(r["submitted_at"]),
                day(r["waiting_since"]),
                r["days"],
            ]
            for r in self.reviews_waiting["rows"]
        ]
        return headers, rows

    # "I used this finding" --------------------------------------------------------------------

    @cached_property
    def finding_uses(self):
        """Approved reports of a finding being used, per finding, most used first.

        None when the reuse app is not installed, so the dashboard works without it.
        """
        if not apps.is_installed("reuse"):
            return None
        from reuse.models import FindingUse, ModerationStatus

        counts = (
            FindingUse.objects.order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        by_status = dict(counts)
        rows = list(
            FindingUse.objects.filter(status=ModerationStatus.APPROVED)
            .values("finding_id", "finding__headline", "finding__page__title", "finding__page_id")
            .annotate(uses=Count("pk"))
            .order_by("-uses", "finding__headline", "finding_id")
        )
        return {
            "rows": [
                {
                    "headline": r["finding__headline"],
                    "project": r["finding__page__title"],
                    "page_id": r["finding__page_id"],
                    "uses": r["uses"],
                }
                for r in rows
            ],
            "approved": by_status.get(ModerationStatus.APPROVED, 0),
            "pending": by_status.get(ModerationStatus.PENDING, 0),
        }

    def finding_uses_csv(self):
        report = self.finding_uses or {"rows": []}
        return (
            ["Finding", "Project", "Approved uses"],
            [[r["headline"], r["project"], r["uses"]] for r in report["rows"]],
        )


# The downloadable tables, by the name used in their address.
CSV_TABLES = {
    "projects-by-status": ("Projects by status per cohort", Dashboard.projects_by_status_csv),
    "evidence-map": ("Evidence and gap map", Dashboard.evidence_map_csv),
    "places": ("Places covered", Dashboard.places_csv),
    "reviews-waiting": ("Reviews waiting", Dashboard.reviews_waiting_csv),
    "finding-uses": ("Findings used in practice", Dashboard.finding_uses_csv),
}
