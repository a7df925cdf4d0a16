"""The impact API: read studies of your force with their latest run (issue 13). Runs start from the page or
the command (``impact.evaluate``); the API reads.
"""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from core.api import HasPerm
from impact.api.serializers import ImpactStudySerializer
from impact.models import ImpactStudy
from impact.permissions import VIEW


@extend_schema_view(
    list=extend_schema(summary="Impact studies of your force, each with its latest run"),
    retrieve=extend_schema(summary="One impact study with its latest run's results"),
)
class ImpactStudyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ImpactStudySerializer
    permission_classes = [HasPerm]
    required_perm = VIEW
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[ImpactStudy]:
        return (
            ImpactStudy.objects.visible_to(self.request.user)
            .select_related("force")
            .prefetch_related("runs")
            .order_by("-created_at", "-pk")
        )
