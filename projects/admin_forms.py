"""Admin forms for themes: creating and renaming one, and merging several into one."""

from django import forms

from wagtail.admin.forms import WagtailAdminModelForm

from projects.models import Theme


def tidy_theme_name(name):
    """Collapse runs of spaces so that "Zero  tolerance" and "Zero tolerance" are one name."""
    return " ".join((name or "").split())


class ThemeForm(WagtailAdminModelForm):
    """Refuses a name that differs from an existing theme's only by case or spacing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None:
            slug.required = False
            slug.help_text = (
                "The theme's web address, /themes/<slug>/. Leave blank to make one from the name. "
                "If you change it, the old address redirects to the new one."
            )

    def clean_name(self):
        name = tidy_theme_name(self.cleaned_data.get("name"))
        if not name:
            raise forms.ValidationError("Give the theme a name.")
        if "," in name:
            raise forms.ValidationError(
                "A theme name cannot contain a comma: commas separate themes in the editor."
            )
        existing = Theme.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if existing is not None:
            raise forms.ValidationError(f"A theme called '{existing.name}' already exists.")
        return name

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug and Theme.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "Another theme already uses this address. Choose a different slug."
            )
        return slug


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ThemeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ThemeMergeForm(forms.Form):
    """Which themes to merge, and the theme that absorbs them."""

    themes = ThemeMultipleChoiceField(
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        label="Themes to merge",
        help_text="Their projects and findings move to the theme below; then they are deleted.",
        error_messages={
            "required": "Choose at least one theme to merge.",
            "invalid_choice": "One of the chosen themes no longer exists: it may have been merged "
            "or deleted already. Choose again.",
            "invalid_pk_value": "Choose themes from the list.",
        },
    )
    target = ThemeChoiceField(
        queryset=Theme.objects.order_by("name"),
        label="Merge into",
        empty_label="Choose the theme to keep",
        error_messages={
            "required": "Choose the theme to keep.",
            "invalid_choice": "The theme to keep no longer exists: it may have been merged or "
            "deleted already. Choose again.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        themes, target = cleaned.get("themes"), cleaned.get("target")
        if themes is not None and target is not None and target in themes:
            self.add_error(
                "themes",
                f"'{target.name}' is the theme you are keeping: untick it in the list of themes "
                "to merge.",
            )
        return cleaned
