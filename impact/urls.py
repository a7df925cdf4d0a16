from django.urls import path

from impact import views

app_name = "impact"

urlpatterns = [
    path("", views.study_list, name="list"),
    path("new/", views.study_create, name="create"),
    path("<int:pk>/", views.study_detail, name="study"),
    path("<int:pk>/evaluate/", views.study_evaluate, name="evaluate"),
]
