"""Admin forms for project pages: the checks a fellow's editor makes beyond single fields."""

from django.db.models import Q

from wagtail.admin.forms import WagtailAdminPageForm

from cohorts.models import CohortPage, Fellow, Mentor
from core.roles import is_programme_team
from projects.widgets import ReadOnlyPeople

MENTORS_ASSIGNED_BY_TEAM = (
    "The programme team assigns mentors. Ask them if your project needs a different mentor."
)

# A mentor's check covers the rating they saw: changing any of these withdraws it.
CHECKED_RATING_FIELDS = {"evidence_type", "confidence", "participants"}


class ProjectPageForm(WagtailAdminPageForm):
    """Validates dates, the cohort of each fellow and site-wide unique project addresses.

    The fellows offered are those of the project's cohort (and any already saved on it, so that
    one from elsewhere is reported rather than silently dropped). Only the programme team may
    change the mentors: for anyone else the field is disabled, so whatever is posted for it is
    ignored and the mentors saved on the project are kept.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_fellows()
        if not is_programme_team(self.for_user):
            self._fix_mentors()

    def _cohort(self):
        parent = self.parent_page.specific if self.parent_page else None
        return parent if isinstance(parent, CohortPage) else None

    def _limit_fellows(self):
        field, cohort = self.fields.get("fellows"), self._cohort()
        if field is None or cohort is None:
            return
        saved = [getattr(f, "pk", f) for f in self.initial.get("fellows") or []]
        offered = Fellow.objects.filter(Q(cohort=cohort) | Q(pk__in=saved)).order_by("name")
        # Only the list shown is narrowed: the field still accepts any fellow, so that one from
        # another cohort is refused by name in clean() rather than as an unknown number.
        field.widget.choices = [(f.pk, field.label_from_instance(f)) for f in offered]

    def _fix_mentors(self):
        field = self.fields.get("mentors")
        if field is None:
            return
        # The saved rows decide, not the draft: they are what the review step reads.
        page_id = self.instance.pk
        links = type(self.instance).mentors.through.objects.filter(projectpage_id=page_id)
        saved = list(links.values_list("mentor_id", flat=True)) if page_id else []
        self.initial["mentors"] = saved
        field.disabled = True
        field.required = False
        field.queryset = Mentor.objects.filter(pk__in=saved).order_by("name")
        field.help_text = ""
        field.widget = ReadOnlyPeople(note=MENTORS_ASSIGNED_BY_TEAM)
        field.widget.choices = field.choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be on or after the start date.")

        cohort = self.parent_page.specific if self.parent_page else None
        fellows = cleaned.get("fellows")
        if isinstance(cohort, CohortPage) and fellows is not None:
            outsiders = [f.name for f in fellows if f.cohort_id != cohort.pk]
            if outsiders:
                self.add_error(
                    "fellows",
                    f"Only fellows of {cohort.title} can be listed: {', '.join(outsiders)} "
                    "belong to another cohort.",
                )
            fellow = Fellow.objects.filter(user=self.for_user).first() if self.for_user else None
            if fellow is not None and not self.for_user.is_superuser and fellow not in fellows:
                self.add_error("fellows", "Include yourself as one of the project's fellows.")

        slug = cleaned.get("slug")
        if slug:
            clash = type(self.instance).objects.filter(slug=slug)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "slug", "Another project already uses this address. Choose a different slug."
                )
        return cleaned

    def save(self, commit=True):
        findings = self.formsets.get("findings")
        for form in findings.forms if findings is not None else []:
            if CHECKED_RATING_FIELDS & set(form.changed_data):
                form.instance.checked_by = None
                form.instance.checked_at = None
        return super().save(commit=commit)
