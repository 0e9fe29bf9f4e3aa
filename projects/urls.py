"""Public addresses of the projects app outside the page tree."""

from django.urls import path

from projects import views

urlpatterns = [
    path("evidence-map/", views.evidence_map, name="evidence_map"),
    path("how-to-read-a-finding/", views.how_to_read_a_finding, name="how_to_read_a_finding"),
    path("findings/<int:finding_id>/", views.finding_permalink, name="finding_permalink"),
]
