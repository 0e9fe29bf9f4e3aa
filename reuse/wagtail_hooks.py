"""Admin registration: the programme team's moderation of finding use reports."""

from wagtail.snippets.models import register_snippet

from reuse.admin_views import FindingUseViewSet

register_snippet(FindingUseViewSet)
