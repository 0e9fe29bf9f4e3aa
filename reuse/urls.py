"""Addresses for reuse: the API, feeds, citations and the "I used this finding" form."""

from django.urls import path

from reuse import views
from reuse.api import api_router
from reuse.feeds import FindingsFeed, ThemeFindingsFeed

# No app namespace: Wagtail's API reverses its own "wagtailapi" namespace from the top level.
urlpatterns = [
    path("api/v2/", api_router.urls),
    path("feeds/findings/", FindingsFeed(), name="reuse_findings_feed"),
    path("feeds/themes/<slug:slug>/", ThemeFindingsFeed(), name="reuse_theme_feed"),
    path("cite/<int:page_id>/<str:citation_format>/", views.citation, name="reuse_citation"),
    path(
        "cite/findings/<int:finding_id>/<str:citation_format>/",
        views.finding_citation,
        name="reuse_finding_citation",
    ),
    path("used/<int:page_id>/<str:key>/", views.finding_use, name="reuse_finding_use"),
    path(
        "used/<int:page_id>/<str:key>/thanks/",
        views.finding_use_thanks,
        name="reuse_finding_use_thanks",
    ),
]
