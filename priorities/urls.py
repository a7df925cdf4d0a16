from django.urls import path

from priorities.views import manage, register, settings, votes

app_name = "priorities"
urlpatterns = [
    path("", register.register, name="index"),
    path("register.csv", register.register_csv, name="register-csv"),
    path("team/", register.team_board, name="board"),
    path("new/<int:neighbourhood_pk>/", manage.create, name="create"),
    path("settings/<int:neighbourhood_pk>/", settings.edit, name="settings"),
    path("votes/<int:run_pk>/", votes.record, name="votes"),
    path("promote/<int:concern_pk>/", manage.promote, name="promote"),
    path("<int:pk>/", manage.detail, name="detail"),
    path("<int:pk>/edit/", manage.edit, name="edit"),
    path("<int:pk>/activate/", manage.activate, name="activate"),
    path("<int:pk>/updates/", manage.post_update, name="update"),
    path("<int:pk>/reviews/", manage.review, name="review"),
    path("<int:pk>/close/", manage.close, name="close"),
]
