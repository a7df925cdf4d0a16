"""Mounted at /api/problem-solving/ by npt/urls.py (namespace "api-problem-solving")."""

from rest_framework.routers import SimpleRouter

from problem_solving.api import views

router = SimpleRouter()
router.register("plans", views.PlanViewSet, basename="plan")

app_name = "api-problem-solving"
urlpatterns = router.urls
