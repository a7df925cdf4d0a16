from django.urls import path

from problem_solving import views

app_name = "problem_solving"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/<slug:stage>/", views.edit, name="edit"),
    path("<int:pk>/actions/", views.add_action, name="action"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/periodic-review/", views.periodic_review, name="periodic-review"),
    path("<int:pk>/assessment/", views.submit_assessment, name="assessment"),
    path("<int:pk>/close/", views.close, name="close"),
]
