"""How the admin names the person who did something, in lists of past actions."""

from django import template

register = template.Library()


@register.filter
def person_name(user):
    """``{{ entry.user|person_name }}``: the full name, else the username, else "Unknown" (the
    account has since been deleted)."""
    if user is None:
        return "Unknown"
    return user.get_full_name() or user.get_username() or "Unknown"
