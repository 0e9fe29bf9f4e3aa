"""Writing help in the project editor: live hints beside the fields, the checklist's styles, and
a submit action the fellow can see.

Nothing here blocks saving, and nothing is said after saving: a fellow reads the checklist at
the top of the editor (projects/panels.py) and on the submit step, while the draft is still
theirs to change, rather than in warnings that arrive once it is locked for review.
"""

from django.templatetags.static import static
from django.utils.html import format_html, json_script

from wagtail import hooks

from projects.action_menu import show_submit_first
from projects.ratings import editor_rules


@hooks.register("insert_editor_js")
def writing_help_js():
    return format_html('<script src="{}" defer></script>', static("projects/js/writing-help.js"))


@hooks.register("insert_editor_js")
def rating_help_js():
    # The rules travel as data from projects/ratings.py, so the live hint cannot drift from them.
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(editor_rules(), "rating-rules"),
        static("projects/js/rating-help.js"),
    )


# Wagtail 8 has no editor-only stylesheet hook; the rules are scoped to this project's classes.
@hooks.register("insert_global_admin_css")
def writing_help_css():
    return format_html('<link rel="stylesheet" href="{}">', static("projects/css/editor.css"))


hooks.register("construct_page_action_menu", show_submit_first)
