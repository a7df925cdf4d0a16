from django.urls import path

from deployment import views

app_name = "deployment"
urlpatterns = [
    path("", views.run_list, name="run-list"),
    path("runs/start/", views.run_start, name="run-start"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("runs/<int:pk>/ranking.csv", views.run_csv, name="run-csv"),
    path("runs/<int:pk>/compare/", views.run_compare, name="run-compare"),
    path("runs/<int:pk>/plan/", views.plan, name="plan"),
    path("map/", views.map_page, name="map"),
]
