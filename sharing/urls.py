"""The reviewer's address for a shared draft: /share/<token>/ (never in the sitemap; robots.txt
asks crawlers to stay away, and every answer says noindex)."""

from django.urls import path

from sharing import views

urlpatterns = [
    path("share/<str:token>/", views.shared_draft, name="shared_draft"),
]
