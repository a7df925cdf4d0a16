"""Mounted at /api/deployment/ by npt/urls.py (namespace "api-deployment")."""

from rest_framework.routers import SimpleRouter

from deployment.api.views import MapLayerViewSet, ScoreRunViewSet, ScoringMethodViewSet

app_name = "api-deployment"
router = SimpleRouter()
router.register("methods", ScoringMethodViewSet, basename="method")
router.register("runs", ScoreRunViewSet, basename="run")
router.register("layers", MapLayerViewSet, basename="layer")
urlpatterns = router.urls
