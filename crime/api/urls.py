"""Mounted at /api/crime/ by npt/urls.py (namespace "api-crime")."""

from django.urls import path

from crime.api import views

app_name = "api-crime"
urlpatterns = [
    path("records/", views.CrimeList.as_view(), name="record-list"),
    path("counts/", views.CrimeCounts.as_view(), name="counts"),
]
