"""``{% what_happened_next page %}``: the reviewed, public parts of a project's follow-ups."""

from django import template

from impact.models import FollowUp

register = template.Library()


@register.inclusion_tag("impact/what_happened_next.html")
def what_happened_next(page):
    """Follow-ups of ``page`` that the programme team reviewed, with the parts it made public."""
    shown = []
    follow_ups = (
        FollowUp.objects.public()
        .filter(project_id=page.pk)
        .select_related("fellow")
        .order_by("answered_at", "pk")
    )
    for follow_up in follow_ups:
        parts = follow_up.public_parts()
        if parts:
            shown.append((follow_up, parts))
    fellows = {follow_up.fellow_id for follow_up, _parts in shown}
    return {"follow_ups": shown, "show_fellow": len(fellows) > 1}
