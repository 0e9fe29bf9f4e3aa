"""Panels at the top of the project editor: notices for the people writing it, and the checklist.

``projects`` cannot import the apps above it, yet the fellows should read there what those apps
know, such as the reason a mentor gave for requesting changes (``reviews``). Those apps register a
notice provider here from their ``AppConfig.ready``; :class:`EditorNoticesPanel` asks each one.
"""

from dataclasses import dataclass

from wagtail.admin.panels import Panel

from projects import checklist

_notice_providers = []


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


class ChecklistPanel(Panel):
    """What the project needs before it goes to the mentor, read from the draft as last saved."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "projects/admin/checklist_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["checklist"] = checklist.build(self.instance)
            context["saved"] = bool(self.instance.pk)
            return context
