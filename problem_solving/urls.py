from django.urls import path

from problem_solving import record_views, views

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
    path("<int:pk>/evidence/", record_views.evidence_edit, name="evidence"),
    path("<int:pk>/actions/<int:action_pk>/", record_views.action_edit, name="action-edit"),
    path("<int:pk>/actions/<int:action_pk>/done/", record_views.action_done, name="action-done"),
    path("<int:pk>/activity/", record_views.activity_add, name="activity"),
    path("<int:pk>/print/", record_views.print_view, name="print"),
]
