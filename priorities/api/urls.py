"""Mounted at /api/priorities/ by npt/urls.py (namespace "api-priorities")."""

from rest_framework.routers import SimpleRouter

from priorities.api import views

router = SimpleRouter()
router.register("", views.PriorityViewSet, basename="priority")

app_name = "api-priorities"
urlpatterns = router.urls
