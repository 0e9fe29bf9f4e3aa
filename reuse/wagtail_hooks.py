"""Admin registration: the programme team's moderation of finding use reports."""

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from reuse.admin_views import FINDING_USE_POLICY, FindingUseViewSet
from reuse.models import FindingUse

register_permission_policy(FindingUse, FINDING_USE_POLICY)
register_snippet(FindingUseViewSet)
