"""URL configuration: admin, public Django views, then Wagtail's page serving last."""

from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cohorts import views as cohort_views
from cohorts.admin_views import site_history_urls
from core.signin import limit_page_password_guesses
from projects import views as project_views
from reviews.admin_views import reviewed_admin_view, workflow_report_urls

# Every admin view, Wagtail's and ours, hides other fellows' drafts and knows who is looking
# while it renders (reviews/admin_views.py).
admin_urls = decorate_urlpatterns(
    [
        # Ahead of Wagtail's own, so that only the programme team reaches the site history report
        # and the workflow report's filters name only people in its rows.
        path("reports/", include(site_history_urls)),
        path("reports/", include(workflow_report_urls)),
        path("", include(wagtailadmin_urls)),
    ],
    reviewed_admin_view,
)

urlpatterns = [
    path("admin/", include(admin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("core.urls")),
    path("", include("projects.urls")),
    path("themes/", project_views.theme_index, name="theme_index"),
    path("themes/<slug:slug>/", project_views.theme_detail, name="theme_detail"),
    path("fellows/<slug:slug>/", cohort_views.fellow_detail, name="fellow_detail"),
    path("", include("search.urls")),
    path("", include("reuse.urls")),
    path("", include("crawlers.urls")),
    path("", include("impact.urls")),
    path("", include("sharing.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's own view, with guesses at a page's password limited per client.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        limit_page_password_guesses(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
]
