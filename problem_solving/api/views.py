"""Problem-solving plans as JSON (issue 10), the DRF way (docs/code-style.md §5, after priorities/api)."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from accounts.tiers import max_tier
from core.api import HasPerm
from problem_solving.api.filters import PlanFilter
from problem_solving.api.serializers import PlanSerializer
from problem_solving.models import Plan
from problem_solving.rules import VIEW
from problem_solving.selectors import readable_plans


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Plan]):
    """Plans in the areas you can see, at your tier: reference, status, objectives, review dates, actions."""

    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    permission_classes = [HasPerm]
    required_perm = VIEW
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Plan]:
        user = self.request.user
        return readable_plans(user, max_tier(user)).prefetch_related("actions").order_by("-created_at", "-pk")
