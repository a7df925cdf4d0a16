"""Mounted at /api/impact/ by npt/urls.py (namespace "api-impact")."""

from rest_framework.routers import SimpleRouter

from impact.api.views import ImpactStudyViewSet

app_name = "api-impact"
router = SimpleRouter()
router.register("studies", ImpactStudyViewSet, basename="study")
urlpatterns = router.urls
