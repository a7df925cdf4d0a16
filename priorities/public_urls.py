from django.urls import path

from priorities import public

app_name = "public"
urlpatterns = [
    path("<slug:force>/<int:pk>/", public.neighbourhood_page, name="neighbourhood"),
    path("<slug:force>/<int:pk>/events.ics", public.neighbourhood_ical, name="neighbourhood-ical"),
]
