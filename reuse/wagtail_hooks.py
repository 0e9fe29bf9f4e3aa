"""Admin registration: the programme team's moderation of finding use reports."""

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from reuse.admin_views import FindingUsePermissionPolicy, FindingUseViewSet
from reuse.models import FindingUse

register_permission_policy(FindingUse, FindingUsePermissionPolicy(FindingUse))
register_snippet(FindingUseViewSet)
