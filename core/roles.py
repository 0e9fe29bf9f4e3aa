"""The fellowship's roles, and the one "programme team only" rule every admin view consults.

Roles are Django groups (created by the ``reviews`` migrations). Everything that names a group or
asks "is this the programme team?" uses these names and :func:`is_programme_team`; every view
reserved for the programme team refuses others through :func:`require_programme_team`, by way of
:class:`ProgrammeTeamOnlyMixin`, :func:`programme_team_only`, :class:`ProgrammeTeamMenuItem` or,
for the records the programme team keeps (fellows, mentors, themes, finding use reports),
:class:`ProgrammeTeamPermissionPolicy`.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseForbidden
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

FELLOWS = "Fellows"
MENTORS = "Mentors"
PROGRAMME_TEAM = "Programme team"
ROLE_GROUPS = (FELLOWS, MENTORS, PROGRAMME_TEAM)

PROGRAMME_TEAM_ONLY = "Only the programme team can open this page."

_PROGRAMME_TEAM_CACHE = "_fellowship_is_programme_team"


def is_programme_team(user):
    """True for superusers and active members of the "Programme team" group."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, _PROGRAMME_TEAM_CACHE):
        setattr(user, _PROGRAMME_TEAM_CACHE, user.groups.filter(name=PROGRAMME_TEAM).exists())
    return getattr(user, _PROGRAMME_TEAM_CACHE)


def require_programme_team(user, message=PROGRAMME_TEAM_ONLY):
    """Raise ``PermissionDenied`` unless ``user`` is in the programme team.

    Inside the admin, Wagtail turns the refusal into its "Sorry, you do not have permission"
    message on the dashboard (or a 403 for a background request).
    """
    if not is_programme_team(user):
        raise PermissionDenied(message)


class ProgrammeTeamOnlyMixin:
    """For class-based admin views that only the programme team may open.

    ``plain_refusal`` answers a bare 403 instead of Wagtail's redirect with a message, for
    actions that scripts and tests must see refused unmistakably (merging themes, moderating).
    A view may narrow ``user_allowed`` further (to the team's model permissions), never widen it.
    """

    refusal_message = PROGRAMME_TEAM_ONLY
    plain_refusal = False

    def user_allowed(self, user):
        return True

    def refusal(self, request):
        """The answer for someone who may not open the view (or raises), else None."""
        try:
            require_programme_team(request.user, self.refusal_message)
            if not self.user_allowed(request.user):
                raise PermissionDenied(self.refusal_message)
        except PermissionDenied:
            if self.plain_refusal:
                return HttpResponseForbidden(self.refusal_message)
            raise
        return None

    def dispatch(self, request, *args, **kwargs):
        return self.refusal(request) or super().dispatch(request, *args, **kwargs)


def programme_team_only(view):
    """Wrap a function view (or one of Wagtail's) so that only the programme team reaches it.

    For views mounted outside Wagtail's admin URLs, the wrapper also asks for admin access first,
    as Wagtail's own admin views do.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        require_programme_team(request.user)
        return view(request, *args, **kwargs)

    guarded = never_cache(require_admin_access(wrapped))
    # So that the admin's URL list shows which views are the programme team's.
    guarded.programme_team_only = True
    return guarded


class ProgrammeTeamMenuItem(MenuItem):
    """A menu item only the programme team sees."""

    def is_shown(self, request):
        return is_programme_team(request.user)


class ProgrammeTeamPermissionPolicy(ModelPermissionPolicy):
    """A model's admin for the programme team alone, within the model permissions it holds.

    Registered for a model, it governs every Wagtail view of it (listing, editing, exports,
    choosers, history), so a group given model permissions by mistake still cannot reach them.
    """

    def user_has_permission(self, user, action):
        return is_programme_team(user) and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        team = Q(is_superuser=True) | Q(groups__name=PROGRAMME_TEAM)
        return super().users_with_any_permission(actions).filter(team).distinct()


class ProgrammeTeamReviewPolicy(ProgrammeTeamPermissionPolicy):
    """The programme team's, for records that arrive from outside the admin (a public form, an
    emailed link) and are reviewed there: nobody, the team included, adds one by hand."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])

    def users_with_permission(self, action):
        if action == "add":
            return super().users_with_permission(action).none()
        return super().users_with_permission(action)
