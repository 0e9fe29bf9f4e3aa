"""Panels at the top of the project editor: notices for the people writing it, and the checklist.

``projects`` cannot import the apps above it, yet the fellows should read there what those apps
know, such as the reason a mentor gave for requesting changes (``reviews``). Those apps register a
notice provider here from their ``AppConfig.ready``; :class:`EditorNoticesPanel` asks each one.
"""

from dataclasses import dataclass

from wagtail.admin.panels import Panel

from projects import checklist

_notice_providers = []
_section_providers = []


@dataclass(frozen=True)
class EditorNotice:
    """A banner at the top of the editor: a heading, a short text, and who wrote it when."""

    heading: str
    text: str
    byline: str = ""


def register_notice_provider(provider):
    """Have ``provider(page, user)`` give a list of :class:`EditorNotice` for the editor."""
    if provider not in _notice_providers:
        _notice_providers.append(provider)


def notices_for(page, user):
    if page is None or not page.pk:
        return []
    return [notice for provider in _notice_providers for notice in provider(page, user)]


@dataclass(frozen=True)
class EditorSection:
    """A section of the editor that a higher app fills: its heading and its rendered HTML."""

    heading: str
    html: str


def register_editor_section(provider):
    """Have ``provider(page, request)`` give an :class:`EditorSection` for the editor, or None.

    Sections appear in the editor below the notices and on the mentor's review page, for what
    higher apps hold about a draft (the links it was shared through and their comments).
    """
    if provider not in _section_providers:
        _section_providers.append(provider)


def sections_for(page, request):
    if page is None or not page.pk or request is None:
        return []
    return [section for provider in _section_providers if (section := provider(page, request))]


class EditorNoticesPanel(Panel):
    """The registered notices for the page being edited; not shown when there are none."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "projects/admin/editor_notices_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            user = getattr(self.request, "user", None)
            self.notices = notices_for(self.instance, user) if user is not None else []
            if self.notices:
                self.heading = self.notices[0].heading

        def is_shown(self):
            return bool(self.notices)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["notices"] = self.notices
            return context


class EditorSectionsPanel(Panel):
    """The registered sections for the page being edited; not shown when there are none."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "projects/admin/editor_sections_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.sections = sections_for(self.instance, self.request)
            if self.sections:
                self.heading = self.sections[0].heading

        def is_shown(self):
            return bool(self.sections)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["sections"] = self.sections
            return context


class ChecklistPanel(Panel):
    """What the project needs before it goes to the mentor, read from the draft as last saved."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "projects/admin/checklist_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["checklist"] = checklist.build(self.instance)
            context["saved"] = bool(self.instance.pk)
            return context
