"""Mounted at /api/geography/ by npt/urls.py (namespace "api-geography")."""

from rest_framework.routers import SimpleRouter

from geography.api.views import NeighbourhoodGeoViewSet

app_name = "api-geography"
router = SimpleRouter()
router.register("neighbourhoods", NeighbourhoodGeoViewSet, basename="neighbourhood")
urlpatterns = router.urls
