from django.urls import path

from engagement import views

app_name = "engagement"
urlpatterns = [
    path("", views.index, name="index"),
    path("kin/<int:neighbourhood_pk>/", views.kin_list, name="kin"),
    path("kin/<int:neighbourhood_pk>/round/", views.kin_round, name="kin-round"),
    path("plan/<int:neighbourhood_pk>/", views.plan, name="plan"),
]
