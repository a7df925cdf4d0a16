from django.urls import path

from performance import assessment_views, threshold_views, views

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
    path("officer/<int:pk>/", views.officer, name="officer"),
    path("force/<int:pk>/thresholds/", threshold_views.threshold_list, name="thresholds"),
    path("force/<int:pk>/thresholds/<slug:measure>/", threshold_views.threshold_edit, name="threshold-edit"),
]

urlpatterns += [
    path("assessments/", assessment_views.assessment_list, name="assessment-list"),
    path("assessments/new/", assessment_views.assessment_start, name="assessment-start"),
    path("assessments/<int:pk>/", assessment_views.assessment_detail, name="assessment-detail"),
    path("assessments/<int:pk>/print/", assessment_views.assessment_print, name="assessment-print"),
    path("assessments/<int:pk>/export.csv", assessment_views.assessment_csv, name="assessment-csv"),
    path("assessments/<int:pk>/edit/", assessment_views.assessment_edit, name="assessment-edit"),
    path("assessments/<int:pk>/sign-off/", assessment_views.assessment_sign_off, name="assessment-sign-off"),
    path("assessments/<int:pk>/compare/<int:other>/", assessment_views.assessment_compare, name="assessment-compare"),
]
