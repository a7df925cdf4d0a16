"""Mounted at /api/queries/ by npt/urls.py (namespace "api-queries")."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from queries.api.views import NeighbourhoodPeopleView, QueryViewSet

app_name = "api-queries"
router = SimpleRouter()
router.register("queries", QueryViewSet, basename="query")
urlpatterns = [
    # Public: a neighbourhood's named officers (police.uk "people" shape).
    path("neighbourhoods/<int:pk>/people/", NeighbourhoodPeopleView.as_view(), name="neighbourhood-people"),
    *router.urls,
]
