"""The editor's registered sections (``projects.panels``) on other admin pages about a draft,
such as the mentor's review page."""

from django import template
from django.utils.html import format_html_join

from projects.panels import sections_for

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_sections(context, page):
    """Each section's heading and HTML, for ``page`` as seen by the request's user."""
    sections = sections_for(page, context.get("request"))
    return format_html_join(
        "",
        '<section class="review__section"><h2 class="w-h3">{}</h2>{}</section>',
        ((section.heading, section.html) for section in sections),
    )
