"""The evaluation dataset: one xlsx sheet per entity and a data dictionary describing every column.

Fellows appear as stable pseudonyms (``F-`` and ten hex digits, an HMAC of their id under the
site's secret), so the evaluation partner can follow one fellow across sheets and across exports
without learning who they are. The identifiable export adds names and emails; it is for superusers
only and each one is recorded (an ``EvaluationExport`` row and an entry in Wagtail's log).

Other apps add sheets without this app knowing them: an app with an ``evaluation`` module whose
``SHEETS`` lists :class:`Sheet` objects (``tracking/evaluation.py`` for milestones and check-in
dates, say) has them written after these, and their columns in the data dictionary.
"""

from importlib import import_module
from io import BytesIO

from django.apps import apps
from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.module_loading import module_has_submodule

from wagtail.log_actions import log
from wagtail.models import Page

from openpyxl import Workbook
from openpyxl.styles import Font

from core.datasets import Column, Sheet
from core.spreadsheets import xlsx_string_cell
from impact.models import ANSWER_PARTS, EvaluationExport, FollowUp, UnmetSearch

PSEUDONYM_SALT = "impact.evaluation.fellow"
LOG_ACTION = "impact.evaluation_export"


def pseudonym(fellow_id):
    """The same short code for a fellow in every export, unguessable without the site's secret."""
    return "F-" + salted_hmac(PSEUDONYM_SALT, str(fellow_id)).hexdigest()[:10]


def _day(value):
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).date() if value.tzinfo else value.date()
    return value


def _project_rows(identifiable):
    from projects.models import ProjectPage

    projects = (
        ProjectPage.objects.annotate(finding_count=Count("findings"))
        .prefetch_related("fellows", "themes")
        .order_by("path")
    )
    cohorts = {
        c.path: c.title
        for c in apps.get_model("cohorts", "CohortPage").objects.only("path", "title")
    }
    for project in projects:
        fellows = list(project.fellows.all())
        yield [
            project.pk,
            project.title,
            cohorts.get(project.path[: -Page.steplen], ""),
            project.get_status_display(),
            project.live,
            _day(project.start_date),
            _day(project.end_date),
            ", ".join(project.places or []),
            ", ".join(sorted(t.name for t in project.themes.all())),
            project.finding_count,
            ", ".join(pseudonym(f.pk) for f in fellows),
            ", ".join(f.name for f in fellows),
        ]


PROJECTS = Sheet(
    "Projects",
    "Every project, published or not.",
    [
        Column("project_id", "The project's id on the site; other sheets refer to it."),
        Column("title", "The project's title (public once the project is published)."),
        Column("cohort", "The cohort the project belongs to."),
        Column("status", "Proposed, In progress, Writing up or Complete."),
        Column("published", "TRUE when the project is live on the public site."),
        Column("start_date", "When the project began, if given."),
        Column("end_date", "When the project finished; follow-ups count from this date."),
        Column("places", "Places in West Yorkshire, comma-separated."),
        Column("themes", "Themes of the project, comma-separated."),
        Column("findings", "Number of findings on the project."),
        Column("fellow_pseudonyms", "The project's fellows as stable pseudonyms."),
        Column("fellow_names", "The project's fellows by name.", identifying=True),
    ],
    _project_rows,
)


def _follow_up_rows(identifiable):
    follow_ups = FollowUp.objects.select_related("project", "fellow").order_by("due_on", "pk")
    for item in follow_ups:
        yield [
            item.pk,
            item.project_id,
            pseudonym(item.fellow_id),
            item.fellow.name,
            item.fellow.email,
            item.months,
            item.due_on,
            _day(item.sent_at),
            _day(item.answered_at),
            item.get_status_display(),
            *[getattr(item, field) for field, _flag, _label in ANSWER_PARTS[:4]],
            item.people_reached,
            item.reach,
            item.partners,
            item.evidence_links,
            ", ".join(label for _field, flag, label in ANSWER_PARTS if getattr(item, flag)),
        ]


FOLLOW_UPS = Sheet(
    "Follow-ups",
    "Follow-ups sent to fellows after their project completed, with their answers.",
    [
        Column("follow_up_id", "The follow-up's id."),
        Column("project_id", "The project asked about (Projects sheet)."),
        Column("fellow_pseudonym", "The fellow asked, as a stable pseudonym."),
        Column("fellow_name", "The fellow asked, by name.", identifying=True),
        Column("fellow_email", "The fellow's email address.", identifying=True),
        Column("months", "Months after the project's end date."),
        Column("due_on", "The day the follow-up fell due."),
        Column("sent_on", "The day the email was sent; empty if not yet sent."),
        Column("answered_on", "The day the fellow answered; empty if not yet answered."),
        Column("status", "Waiting for the fellow's answer, waiting for review, or reviewed."),
        Column("practice_change", "Changes to practice, in the fellow's words."),
        Column("policy_change", "Changes to policy, in the fellow's words."),
        Column("training_change", "Changes to training, in the fellow's words."),
        Column("service_change", "Changes to services, in the fellow's words."),
        Column("people_reached", "Roughly how many people were reached, if the fellow knew."),
        Column("reach", "People or services reached, in the fellow's words."),
        Column("partners", "Partners involved, in the fellow's words."),
        Column("evidence_links", "Links to evidence, one a line."),
        Column("public_parts", "The parts the programme team made public after review."),
    ],
    _follow_up_rows,
)


def _use_rows(identifiable):
    from reuse.models import FindingUse

    uses = FindingUse.objects.select_related("finding").order_by("created", "pk")
    for use in uses:
        yield [
            use.pk,
            use.finding.page_id,
            use.finding.headline,
            use.get_organisation_type_display(),
            use.who,
            use.how_used,
            _day(use.created),
            use.get_status_display(),
        ]


USE_REPORTS = Sheet(
    "Use reports",
    "“I used this finding” reports from practitioners, in every moderation state.",
    [
        Column("report_id", "The report's id."),
        Column("project_id", "The project whose finding was used (Projects sheet)."),
        Column("finding", "The headline of the finding used."),
        Column("sector", "Where the person who used it works."),
        Column("who", "The name or role the person gave, if any.", identifying=True),
        Column("how_used", "How they used the finding, in their words."),
        Column("sent_on", "The day the report was sent."),
        Column("status", "Waiting for moderation, Approved or Rejected; only approved ones count."),
    ],
    _use_rows,
)


def _unmet_rows(identifiable):
    for row in UnmetSearch.objects.order_by("month", "-count", "query"):
        yield [row.month, row.query, row.count]


UNMET_SEARCHES = Sheet(
    "Zero-result searches",
    "Searches that found nothing, counted per month. Only the words were kept, lower-cased, with "
    "email addresses and long numbers replaced; nothing about who searched.",
    [
        Column("month", "The first day of the month of the searches."),
        Column("query", "The words searched for, normalised."),
        Column("count", "How many times they were searched for that month and found nothing."),
    ],
    _unmet_rows,
)

SHEETS = [PROJECTS, FOLLOW_UPS, USE_REPORTS, UNMET_SEARCHES]


def all_sheets():
    """This app's sheets, then those of any other installed app with an ``evaluation`` module."""
    sheets = list(SHEETS)
    for config in apps.get_app_configs():
        if config.name == "impact" or not module_has_submodule(config.module, "evaluation"):
            continue
        module = import_module(f"{config.name}.evaluation")
        sheets.extend(getattr(module, "SHEETS", []))
    return sheets


def _write_row(sheet, values):
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        xlsx_string_cell(cell)


def build_workbook(identifiable=False):
    """The dataset as an openpyxl workbook: the data dictionary first, then a sheet per entity."""
    book = Workbook()
    dictionary = book.active
    dictionary.title = "Data dictionary"
    _write_row(dictionary, ["sheet", "column", "meaning"])
    kind = "identifiable (names fellows)" if identifiable else "pseudonymised"
    _write_row(
        dictionary,
        ["(all)", "", f"Exported {timezone.localtime():%d %B %Y %H:%M}; {kind}."],
    )
    sheets = all_sheets()
    for sheet in sheets:
        _write_row(dictionary, [sheet.name, "", sheet.about])
        for column in sheet.visible_columns(identifiable):
            _write_row(dictionary, [sheet.name, column.heading, column.meaning])
    for sheet in sheets:
        out = book.create_sheet(sheet.name[:31])
        _write_row(out, [c.heading for c in sheet.visible_columns(identifiable)])
        for row in sheet.visible_rows(identifiable):
            _write_row(out, row)
    for out in book.worksheets:
        for cell in out[1]:
            cell.font = Font(bold=True)
        out.freeze_panes = "A2"
    return book


def record_export(user, identifiable, via):
    """Keep who exported, how, and whether fellows were named; identifiable exports are logged."""
    export = EvaluationExport.objects.create(created_by=user, identifiable=identifiable, via=via)
    if identifiable:
        log(instance=export, action=LOG_ACTION, user=user)
    return export


def export_bytes(user, identifiable, via):
    """Record the export, then return the workbook's bytes."""
    record_export(user, identifiable, via)
    buffer = BytesIO()
    build_workbook(identifiable).save(buffer)
    return buffer.getvalue()
