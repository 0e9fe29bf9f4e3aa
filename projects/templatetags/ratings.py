"""The evidence rating of a finding as the public sees it: an icon, a word and a link to the key."""

from django import template
from django.urls import reverse

from projects import ratings

register = template.Library()


@register.inclusion_tag("projects/includes/rating.html")
def rating(evidence_type, confidence, compact=False):
    """Show a rating from plain values, so that search hits without model objects can use it too.

    ``compact`` shows the icon and the word alone, without the link to the key, for places that
    are links themselves or give the key once for many ratings (the evidence map's cells).
    """
    return {
        "compact": compact,
        "level": ratings.level(confidence),
        "evidence_label": ratings.evidence_label(evidence_type),
        "key_url": reverse("how_to_read_a_finding"),
    }
