"""Who may see and do what with a project's milestones and check-ins, asked by every view.

The project's fellows, its mentors and the programme team see both; fellows (and the team) mark
milestones done; mentors (and the team) record check-ins; only the team adjusts milestones.
Everyone else is refused, whatever address they type.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from core.pages import in_a_site
from core.roles import is_programme_team

TEAM, FELLOW, MENTOR = "team", "fellow", "mentor"


def relation(user, project):
    """How ``user`` stands to ``project``: the team, one of its fellows or mentors, or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if is_programme_team(user):
        return TEAM
    if project.fellows.filter(user=user).exists():
        return FELLOW
    if project.mentors.filter(user=user).exists():
        return MENTOR
    return None


def require_relation(user, project, allowed=(TEAM, FELLOW, MENTOR)):
    """Return the user's relation to the project, or refuse if it is not among ``allowed``."""
    found = relation(user, project)
    if found not in allowed:
        raise PermissionDenied(
            "Only the project's fellows, its mentors and the programme team can do that."
        )
    return found


def can_mark_done(relation_):
    return relation_ in (TEAM, FELLOW)


def can_record_check_in(relation_):
    return relation_ in (TEAM, MENTOR)


def can_adjust(relation_):
    return relation_ == TEAM


def projects_of(user):
    """The projects a fellow or mentor works on (the team's are every project)."""
    from projects.models import ProjectPage

    if user is None or not user.is_authenticated:
        return ProjectPage.objects.none()
    # A project waiting in Deleted items has no milestones to keep.
    return in_a_site(
        ProjectPage.objects.filter(Q(fellows__user=user) | Q(mentors__user=user))
    ).distinct()
