"""Mounted at /crime/ by npt/urls.py."""

from django.urls import path

from crime import views

app_name = "crime"
urlpatterns = [path("coverage/", views.coverage_page, name="coverage")]
