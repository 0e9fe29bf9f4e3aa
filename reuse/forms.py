"""The public "I used this finding" form."""

from django import forms

from reuse.models import HOW_USED_MAX_LENGTH, FindingUse, OrganisationType

WHO_MAX_LENGTH = 255


class FindingUseForm(forms.ModelForm):
    """Who used a finding, in what kind of organisation, and how. ``website`` is a trap for bots."""

    # Hidden from people (and from assistive technology); automated posters tend to fill it.
    website = forms.CharField(required=False, label="Leave this empty")

    class Meta:
        model = FindingUse
        fields = ["who", "organisation_type", "how_used"]
        labels = {
            "who": "Your name or role (optional)",
            "organisation_type": "Type of organisation",
            "how_used": "How did you use this finding?",
        }
        help_texts = {
            "who": "For example 'School nurse' or 'Sam, youth worker'. Leave it empty to stay "
            "anonymous.",
            "how_used": f"Up to {HOW_USED_MAX_LENGTH:,} characters. Please do not include anyone's "
            "personal details.",
        }
        error_messages = {
            "organisation_type": {
                "required": "Choose the type of organisation you work in.",
                "invalid_choice": "Choose one of the types of organisation listed.",
            },
            "how_used": {
                "required": "Tell us how you used the finding.",
                "max_length": "Keep this to %(limit_value)s characters or fewer (it has "
                "%(show_value)s).",
            },
            "who": {
                "max_length": "Keep your name or role to %(limit_value)s characters or fewer.",
            },
        }
        widgets = {"how_used": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["organisation_type"].choices = [("", "Choose one")] + list(
            OrganisationType.choices
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_how_used(self):
        text = self.cleaned_data["how_used"].strip()
        if not text:
            raise forms.ValidationError("Tell us how you used the finding.")
        return text

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))
