"""Addresses of the search page and the JSON search API."""

from django.urls import path

from search import views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/search/", views.search_api, name="search_api"),
]
