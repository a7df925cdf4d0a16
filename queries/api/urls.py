"""Mounted at /api/queries/ by npt/urls.py (namespace "api-queries")."""

from rest_framework.routers import SimpleRouter

from queries.api.views import QueryViewSet

app_name = "api-queries"
router = SimpleRouter()
router.register("queries", QueryViewSet, basename="query")
urlpatterns = router.urls
