"""The priorities register as JSON (issue 9), the DRF way (docs/code-style.md §5, after geography/api)."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from accounts.tiers import max_tier
from core.api import HasPerm
from priorities.api.filters import PriorityFilter
from priorities.api.permissions import VIEW_PRIORITY
from priorities.api.serializers import PrioritySerializer
from priorities.models import Priority
from priorities.selectors import with_latest


class PriorityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Priority]):
    """Priorities in the areas you can see, at your tier: status, how it was set, dated updates, how it closed."""

    serializer_class = PrioritySerializer
    filterset_class = PriorityFilter
    permission_classes = [HasPerm]
    required_perm = VIEW_PRIORITY
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Priority]:
        user = self.request.user
        return with_latest(Priority.objects.visible_to(user).at_most(max_tier(user))).order_by("-created_at", "-pk")
