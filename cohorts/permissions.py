"""Who may do what to the cohort index and cohort pages (their ``permissions_for_user``)."""

from django.apps import apps

from wagtail.models import PagePermissionTester

from core.page_permissions import FellowshipPagePermissionTester

_FELLOW_CACHE = "_fellowship_fellow"


def fellow_for(user):
    """The fellow profile linked to ``user``, or None."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, _FELLOW_CACHE):
        fellows = apps.get_model("cohorts", "Fellow").objects
        setattr(user, _FELLOW_CACHE, fellows.filter(user=user).first())
    return getattr(user, _FELLOW_CACHE)


class CohortIndexPagePermissionTester(FellowshipPagePermissionTester):
    """The cohort index: only the programme team adds cohorts or edits the index."""


class CohortPagePermissionTester(FellowshipPagePermissionTester):
    """A cohort: fellows of this cohort may add projects beneath it but never edit the cohort."""

    def can_add_subpage(self):
        if not self.narrowed:
            return super().can_add_subpage()
        fellow = fellow_for(self.user)
        if fellow is None or fellow.cohort_id != self.page.pk:
            return False
        return PagePermissionTester.can_add_subpage(self)
