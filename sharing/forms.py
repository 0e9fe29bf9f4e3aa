"""The two forms of sharing: making a link (in the admin) and a reviewer's comment (public)."""

from django import forms

from sharing.links import DEFAULT_DAYS, max_days

NAME_MAX = 80
COMMENT_MAX = 2000


class ShareLinkForm(forms.Form):
    """How long the link works, and an optional note of who it is for."""

    days = forms.IntegerField(
        label="How many days should the link work?",
        initial=DEFAULT_DAYS,
        help_text="",
    )
    label = forms.CharField(
        label="Who is it for? (optional)",
        max_length=100,
        required=False,
        help_text="Only you and the programme team see this, so you can tell your links apart, "
        "e.g. 'Leeds Mind reviewer'.",
        error_messages={"max_length": "Keep this to 100 characters or fewer."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = self.fields["days"]
        days.help_text = f"From 1 to {max_days()} days. After that the link stops working."
        days.error_messages = {
            "required": f"Say how many days the link should work, from 1 to {max_days()}.",
            "invalid": f"Enter a whole number of days, from 1 to {max_days()}.",
        }
        days.widget.attrs.update({"min": 1, "max": max_days()})

    def clean_days(self):
        days = self.cleaned_data["days"]
        if days < 1:
            raise forms.ValidationError("A link must work for at least 1 day.")
        if days > max_days():
            raise forms.ValidationError(
                f"A link can work for {max_days()} days at most. Make a new one when it ends."
            )
        return days

    def clean_label(self):
        return " ".join(self.cleaned_data["label"].split())


def _plain(text):
    # Control characters other than line breaks have no place in a comment; NUL already fails.
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())


class ShareCommentForm(forms.Form):
    """A reviewer's comment and, if they wish, their name. Both are shown as plain text."""

    name = forms.CharField(
        label="Your name (optional)",
        max_length=NAME_MAX,
        required=False,
        help_text="Leave it empty if you prefer not to say.",
        error_messages={"max_length": f"Keep your name to {NAME_MAX} characters or fewer."},
    )
    text = forms.CharField(
        label="Your comment",
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Up to {COMMENT_MAX} characters. The fellows and their mentor will read it.",
        error_messages={
            "required": "Write your comment before sending it.",
            "max_length": f"Your comment is too long: keep it to {COMMENT_MAX} characters or "
            "fewer, or send it in two parts.",
        },
    )

    def clean_name(self):
        return " ".join(_plain(self.cleaned_data["name"]).split())

    def clean_text(self):
        text = _plain(self.cleaned_data["text"]).strip()
        if not text:
            raise forms.ValidationError("Write your comment before sending it.")
        return text
