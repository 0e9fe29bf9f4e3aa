"""Public addresses: the follow-up answer link and "Our impact"."""

from django.urls import path

from impact import views

urlpatterns = [
    path("follow-up/thanks/", views.follow_up_thanks, name="impact_follow_up_thanks"),
    path("follow-up/<str:token>/", views.follow_up, name="impact_follow_up"),
    path("our-impact/", views.our_impact, name="our_impact"),
    path("our-impact/<slug:slug>.csv", views.our_impact_csv, name="our_impact_csv"),
]
