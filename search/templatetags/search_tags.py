"""Template tags of the search page."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

CHECKED = mark_safe(" checked")


@register.simple_tag
def facet_choices(name, options):
    """The choices of one filter group, each an input with its label and count.

    Written out here rather than in the template: a search can offer a few hundred choices (every
    cohort, theme and year), and the template engine took longer over them than the search
    itself took.
    """
    kind = "checkbox" if name == "theme" else "radio"
    return format_html_join(
        "\n",
        '<li><input type="{}" id="filter-{}-{}" name="{}" value="{}"{}>\n'
        '            <label for="filter-{}-{}">{} <span class="meta">({})</span></label></li>',
        (
            (kind, name, number, name, option.value, CHECKED if option.selected else "")
            + (name, number, option.label, option.count)
            for number, option in enumerate(options, start=1)
        ),
    )
