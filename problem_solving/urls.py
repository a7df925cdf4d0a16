from django.urls import path

from problem_solving import views

app_name = "problem_solving"
urlpatterns = [
    path("", views.index, name="index"),
]
