"""The GET parameters of the search page and API, declared and validated in one place.

Hits span two models (projects and findings) and two backends, so this FilterSet only turns the
query string into clean values with plain-English errors; the search backend does the filtering.
"""

from django import forms
from django.core.validators import validate_slug

import django_filters

from core.vocabularies import Confidence, EvidenceType, Place, Status
from projects.models import Finding
from search.backends.base import Kind

SORT_CHOICES = [("relevance", "Best match"), ("newest", "Newest first")]
SINGLE_VALUED = (
    "q",
    "kind",
    "cohort",
    "place",
    "evidence",
    "confidence",
    "status",
    "year",
    "sort",
    "page",
)

# Names for the parameters in messages, as a reader of the page would say them.
PARAMETER_NAMES = {
    "q": "search",
    "kind": "kind of result",
    "theme": "theme",
    "cohort": "cohort",
    "place": "place",
    "evidence": "evidence type",
    "confidence": "confidence",
    "status": "status",
    "year": "year",
    "sort": "order",
    "page": "page number",
}


def _choice_message(noun, choices):
    options = ", ".join(str(label) for _, label in choices)
    return f"There is no {noun} called “%(value)s”. Choose one of: {options}."


def _vocabulary_filter(label, vocabulary, noun):
    """A filter on one value of a fixed vocabulary, naming the choices when given another."""
    return django_filters.ChoiceFilter(
        label=label,
        choices=vocabulary.choices,
        error_messages={"invalid_choice": _choice_message(noun, vocabulary.choices)},
    )


class SlugListField(forms.Field):
    """A repeatable parameter of slugs, such as ``theme=belonging&theme=schools``."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return list(dict.fromkeys(v.strip().lower() for v in value if v and v.strip()))

    def validate(self, value):
        for slug in value:
            try:
                validate_slug(slug)
            except forms.ValidationError:
                raise forms.ValidationError(
                    "“%(value)s” is not a theme: theme addresses use only letters, numbers and "
                    "hyphens.",
                    params={"value": slug[:60]},
                ) from None


class SlugListFilter(django_filters.Filter):
    field_class = SlugListField


class WholeNumberFilter(django_filters.Filter):
    field_class = forms.IntegerField


class SearchForm(forms.Form):
    """Rejects parameters given more than once where only one value makes sense."""

    def clean(self):
        cleaned = super().clean()
        for name in SINGLE_VALUED:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            if len(values) > 1:
                self.add_error(
                    name,
                    f"Give one {PARAMETER_NAMES[name]} only: the address had {len(values)}.",
                )
        return cleaned


class SearchFilterSet(django_filters.FilterSet):
    """The search parameters: q, kind, theme (repeatable), cohort, place, evidence, confidence, status,
    year, sort and page."""

    q = django_filters.CharFilter(label="Search for", strip=True)
    kind = django_filters.ChoiceFilter(
        label="Show",
        choices=Kind.choices,
        error_messages={
            "invalid_choice": "Results can be limited to “finding” or “project” only, "
            "not “%(value)s”."
        },
    )
    theme = SlugListFilter(label="Themes")
    cohort = django_filters.CharFilter(
        label="Cohort",
        validators=[validate_slug],
        error_messages={
            "invalid": "That is not a cohort address: use letters, numbers and hyphens."
        },
    )
    place = _vocabulary_filter("Place", Place, "place")
    evidence = _vocabulary_filter("Evidence type", EvidenceType, "evidence type")
    confidence = _vocabulary_filter("Confidence", Confidence, "confidence level")
    status = _vocabulary_filter("Status", Status, "status")
    year = WholeNumberFilter(
        label="Cohort year",
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "The year must be a whole number, such as 2023.",
            "min_value": "The year must be 2000 or later.",
            "max_value": "The year must be 2100 or earlier.",
        },
    )
    sort = django_filters.ChoiceFilter(
        label="Order",
        choices=SORT_CHOICES,
        empty_label=None,
        error_messages={
            "invalid_choice": "Results can be ordered by “relevance” or “newest” only, "
            "not “%(value)s”."
        },
    )
    page = WholeNumberFilter(
        label="Page",
        min_value=1,
        error_messages={
            "invalid": "The page number must be a whole number, such as 2.",
            "min_value": "The page number must be 1 or more.",
        },
    )

    class Meta:
        form = SearchForm

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("queryset", Finding.objects.none())
        super().__init__(data, **kwargs)

    def plain_errors(self):
        """Errors as ``{parameter: [message, ...]}``, ready for the page or the API."""
        return {name: [str(m) for m in messages] for name, messages in self.form.errors.items()}
