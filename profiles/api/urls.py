"""Mounted at /api/profiles/ by npt/urls.py (namespace "api-profiles")."""

from rest_framework.routers import SimpleRouter

from profiles.api.views import ProfileViewSet

app_name = "api-profiles"
router = SimpleRouter()
router.register("", ProfileViewSet, basename="profile")
urlpatterns = router.urls
