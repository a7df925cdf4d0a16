from django.urls import path

from performance import views

app_name = "performance"

urlpatterns = [
    path("", views.index, name="index"),
    path("force/<int:pk>/", views.force, name="force"),
    path("force/<int:pk>/export.csv", views.force_csv, name="force-csv"),
    path("team/<int:pk>/", views.team, name="team"),
    path("team/<int:pk>/export.csv", views.team_csv, name="team-csv"),
    path("neighbourhood/<int:pk>/", views.neighbourhood, name="neighbourhood"),
    path("neighbourhood/<int:pk>/export.csv", views.neighbourhood_csv, name="neighbourhood-csv"),
    path("measures/", views.definitions, name="definitions"),
]
