from django.urls import path

from geography import views

app_name = "geography"
urlpatterns = [
    path("neighbourhoods/", views.neighbourhood_list, name="neighbourhood-list"),
    path("neighbourhoods/<int:pk>/", views.neighbourhood_detail, name="neighbourhood-detail"),
    path("lsoas/<int:pk>/", views.lsoa_detail, name="lsoa-detail"),
    path("jobs/", views.job_list, name="job-list"),
    path("jobs/<int:pk>/", views.job_detail, name="job-detail"),
    path("jobs/<int:pk>/rerun/", views.job_rerun, name="job-rerun"),
    path("jobs/start/<str:kind>/", views.job_start, name="job-start"),
]
