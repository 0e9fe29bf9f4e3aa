"""Editor widgets for a project's people and themes.

Fellows and mentors are chosen from a list of tick boxes with a box that narrows it by name, not
from a multiple select that drops co-authors on a plain click. The form fills each list from a
queryset already limited on the server (a fellow sees the fellows of the project's cohort only),
so the search box only ever hides names the page was allowed to show.
"""

from django import forms

from wagtail.admin.widgets import AdminTagWidget


class PeoplePicker(forms.CheckboxSelectMultiple):
    """Tick boxes for people, with a search-by-name box above them."""

    template_name = "projects/widgets/people_picker.html"
    search_label = "Search by name"

    class Media:
        js = ["projects/js/people-picker.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_label"] = self.search_label
        return context


class ReadOnlyPeople(forms.Widget):
    """The people already chosen, as a list, for those who may not change them."""

    template_name = "projects/widgets/read_only_people.html"

    def __init__(self, note="", attrs=None):
        super().__init__(attrs)
        self.note = note
        self.choices = []

    def format_value(self, value):
        return [str(v) for v in value or []]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = set(self.format_value(value))
        context["widget"]["people"] = [
            label for key, label in self.choices if str(getattr(key, "value", key)) in chosen
        ]
        context["widget"]["note"] = self.note
        return context

    def value_from_datadict(self, data, files, name):
        # Nothing is posted for these people: the field is disabled and keeps its saved value.
        return None


class ThemeWidget(AdminTagWidget):
    """Wagtail's tag box without its note about double quotes, which is not how fellows type."""

    template_name = "projects/widgets/theme_widget.html"
