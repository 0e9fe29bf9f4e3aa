"""The form a fellow answers a follow-up with."""

from django import forms

from impact.models import ANSWER_PARTS, FollowUp

HELP = {
    "practice_change": "How people work differently because of the project, e.g. a team now asks "
    "about adversity at first contact.",
    "policy_change": "A policy, protocol or guidance that changed, and who owns it.",
    "training_change": "Training that was created or changed, and who receives it.",
    "service_change": "A service that was started, stopped or redesigned.",
    "people_reached": "A rough number is fine. Leave it empty if you do not know.",
    "reach": "Who the changes reach: staff teams, services, families, a whole district.",
    "partners": "Organisations or teams who took the work up or worked on it with you.",
    "evidence_links": "Links to reports, minutes, training materials or news, one a line.",
}


class FollowUpAnswerForm(forms.ModelForm):
    """What changed since the project: four kinds of change, reach, partners and evidence."""

    class Meta:
        model = FollowUp
        fields = [field for field, _flag, _label in ANSWER_PARTS[:4]] + [
            "people_reached",
            "reach",
            "partners",
            "evidence_links",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in [f for f, _flag, _label in ANSWER_PARTS]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in HELP.items():
            self.fields[name].help_text = text
            # The template writes each hint with this id, so that screen readers read it too.
            self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_helptext"
        self.fields["people_reached"].widget.attrs["inputmode"] = "numeric"
        self.fields["people_reached"].error_messages["invalid"] = (
            "Give the number of people as a whole number, e.g. 250, or leave it empty."
        )

    def clean(self):
        cleaned = super().clean()
        if not any(
            cleaned.get(name) not in (None, "")
            for name in self.Meta.fields
            if name != "people_reached"
        ):
            raise forms.ValidationError(
                "Tell us about at least one change, the people reached or the partners involved. "
                "If nothing has changed yet, say so in “Changes to practice”."
            )
        return cleaned
