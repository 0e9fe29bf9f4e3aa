"""Forms for marking a milestone done, recording a check-in and adjusting a project's milestones."""

from django import forms
from django.utils import timezone

from tracking.models import CheckIn, Milestone


class MilestoneDoneForm(forms.Form):
    """A fellow's short note on a milestone reached."""

    done_on = forms.DateField(
        label="Done on",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional. A line on how it went, for your mentors and the programme team.",
    )

    def clean_done_on(self):
        value = self.cleaned_data["done_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("A milestone cannot be done on a day still to come.")
        return value


class CheckInForm(forms.ModelForm):
    """A mentor's record of a check-in."""

    class Meta:
        model = CheckIn
        fields = ["date", "rating", "note", "next_step"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "rating": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError("Record a check-in once it has happened.")
        return value


class MilestoneForm(forms.ModelForm):
    """One of a project's milestones as the programme team adjusts it."""

    class Meta:
        model = Milestone
        fields = ["name", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}


MilestoneFormSet = forms.modelformset_factory(
    Milestone, form=MilestoneForm, extra=1, can_delete=True
)
