from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("", views.index, name="index"),
    path("n/<int:pk>/", views.neighbourhood, name="neighbourhood"),
    path("n/<int:pk>/priorities.csv", views.priorities_csv, name="priorities-csv"),
    path("n/<int:pk>/events.csv", views.events_csv, name="events-csv"),
    path("n/<int:pk>/crime.csv", views.crime_csv, name="crime-csv"),
    path("n/<int:pk>/lsoa-crime.csv", views.lsoa_crime_csv, name="lsoa-crime-csv"),
    path("n/<int:pk>/print/", views.print_view, name="print"),
]
