"""Admin forms for project pages: the checks a fellow's editor makes beyond single fields."""

from wagtail.admin.forms import WagtailAdminPageForm

from cohorts.models import CohortPage, Fellow

# A mentor's check covers the rating they saw: changing any of these withdraws it.
CHECKED_RATING_FIELDS = {"evidence_type", "confidence", "participants"}


class ProjectPageForm(WagtailAdminPageForm):
    """Validates dates, the cohort of each fellow and site-wide unique project addresses."""

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
