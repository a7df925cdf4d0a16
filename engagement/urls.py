from django.urls import path

from engagement import kin_views, mechanism_views, planned_views, survey_views, views

app_name = "engagement"
urlpatterns = [
    path("", views.index, name="index"),
    path("kin/<int:neighbourhood_pk>/", views.kin_list, name="kin"),
    path("kin/<int:neighbourhood_pk>/round/", views.kin_round, name="kin-round"),
    path("kin/<int:neighbourhood_pk>/link/", kin_views.kin_link, name="kin-link"),
    path("kin/<int:neighbourhood_pk>/disband/<int:priority_pk>/", kin_views.kin_disband_view, name="kin-disband"),
    path("surveys/<int:neighbourhood_pk>/", survey_views.run_list, name="surveys"),
    path("surveys/run/<int:pk>/", survey_views.run_detail, name="survey"),
    path("surveys/run/<int:pk>/questions/", survey_views.question_add, name="survey-question"),
    path("plan/<int:neighbourhood_pk>/", views.plan, name="plan"),
    path("plan/<int:neighbourhood_pk>/planned/", planned_views.planned_add, name="planned-add"),
    path("plan/planned/<int:pk>/done/", planned_views.planned_done, name="planned-done"),
    path("plan/<int:neighbourhood_pk>/mechanisms/", mechanism_views.mechanism_add, name="mechanism-add"),
    path("plan/mechanisms/<int:pk>/", mechanism_views.mechanism_edit, name="mechanism-edit"),
]
