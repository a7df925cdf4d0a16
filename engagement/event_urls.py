from django.urls import path

from engagement import event_views

app_name = "events"
urlpatterns = [
    path("", event_views.event_list, name="list"),
    path("events.ics", event_views.event_ical, name="ical"),
    path("new/<int:neighbourhood_pk>/", event_views.event_create, name="create"),
    path("<int:pk>/", event_views.event_detail, name="detail"),
    path("<int:pk>/edit/", event_views.event_edit, name="edit"),
    path("<int:pk>/concerns/", event_views.concern_add, name="concern-add"),
]
