"""The fellow's submit action: the main button of the project editor, opening the checklist.

Wagtail puts "Save draft" first and tucks "Submit to Project review" under the arrow beside it,
where fellows do not find it. For the project's fellows the submit action comes first instead,
and it opens a dialogue with the pre-submit checklist (projects/checklist.py) and the button
that submits; "Save draft" stays one click away under the arrow, and on Ctrl+S.
"""

from wagtail.admin.action_menu import SubmitForModerationMenuItem

from core.roles import is_programme_team
from projects import checklist
from projects.models import ProjectPage

SUBMIT = "action-submit"


class ChecklistSubmitMenuItem(SubmitForModerationMenuItem):
    """Wagtail's submit action, opening the checklist before the page is submitted."""

    template_name = "projects/admin/submit_menu_item.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["checklist"] = checklist.build(parent_context["page"])
        return context


def show_submit_first(menu_items, request, context):
    """For a project's fellows in its editor, make the submit action the main button."""
    page = context.get("page")
    if context.get("view") != "edit" or not isinstance(page, ProjectPage):
        return
    if is_programme_team(request.user):
        return
    for index, item in enumerate(menu_items):
        if getattr(item, "name", None) == SUBMIT:
            menu_items.pop(index)
            menu_items.insert(0, ChecklistSubmitMenuItem(order=item.order))
            return
