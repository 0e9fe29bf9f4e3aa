"""URL configuration: admin, public Django views, then Wagtail's page serving last."""

from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cohorts import views as cohort_views
from cohorts.admin_views import site_history_urls
from projects import views as project_views

urlpatterns = [
    # Ahead of Wagtail's own, so that only the programme team reaches the site history report.
    path("admin/reports/", include(site_history_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("core.urls")),
    path("themes/", project_views.theme_index, name="theme_index"),
    path("themes/<slug:slug>/", project_views.theme_detail, name="theme_detail"),
    path("fellows/<slug:slug>/", cohort_views.fellow_detail, name="fellow_detail"),
    path("", include("search.urls")),
    path("", include("reuse.urls")),
    path("", include("crawlers.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
