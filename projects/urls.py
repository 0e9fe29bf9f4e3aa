"""Public addresses of the projects app outside the page tree."""

from django.urls import path

from projects import views

urlpatterns = [
    path("how-to-read-a-finding/", views.how_to_read_a_finding, name="how_to_read_a_finding"),
    path("findings/<int:finding_id>/", views.finding_permalink, name="finding_permalink"),
]
