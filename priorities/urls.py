from django.urls import path

from priorities import views

app_name = "priorities"
urlpatterns = [
    path("", views.index, name="index"),
]
