"""Mounted at /api/engagement/ by npt/urls.py (namespace "api-engagement")."""

from rest_framework.routers import SimpleRouter

from engagement.api import views

router = SimpleRouter()
router.register("events", views.EventViewSet, basename="event")
router.register("kin", views.KinMemberViewSet, basename="kin")
router.register("plan", views.EngagementPlanViewSet, basename="plan")

app_name = "api-engagement"
urlpatterns = router.urls
