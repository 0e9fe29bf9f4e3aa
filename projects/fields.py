"""Model fields for the fixed vocabularies."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from core.vocabularies import Place


class PlacesField(models.JSONField):
    """A list of places from the Place vocabulary, edited as checkboxes.

    A JSON list keeps the vocabulary a TextChoices (no lookup table) and works on SQLite and PostgreSQL.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError("Places must be a list.")
        unknown = [v for v in value if v not in Place.values]
        if unknown:
            raise ValidationError(
                "Unknown place: %(places)s. Choose from %(choices)s.",
                params={"places": ", ".join(map(str, unknown)), "choices": ", ".join(Place.values)},
            )

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=Place.choices,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )
