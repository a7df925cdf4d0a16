"""Neighbourhood profiles as JSON (issue 12), the DRF way (docs/code-style.md §5, after geography/api).

Scope first: the queryset is ``Neighbourhood.objects.visible_to(user)``, so a neighbourhood outside it is a 404.
Tier second, and only in one place: the detail is ``profile_for(user, neighbourhood).as_dict()``, the same read
as the profile page and its ``export.json`` (sections above the reader's tier hidden, items dropped, restricted
fields blanked). The list is a summary (one query a page); each profile is one request.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import HasPerm
from geography.models import Neighbourhood
from profiles.api.filters import ProfileFilter
from profiles.api.permissions import VIEW
from profiles.api.serializers import ProfileDetailSerializer, ProfileSummarySerializer
from profiles.models import NeighbourhoodProfile
from profiles.selectors import ASKABLE_TIERS, asked_tier, profile_for


class TierQuery(serializers.Serializer[dict[str, str]]):
    tier = serializers.ChoiceField(
        choices=list(ASKABLE_TIERS), required=False, help_text="Read at a lower tier than yours (never a higher one)."
    )


@extend_schema_view(
    list=extend_schema(summary="Neighbourhoods you may see, with whether their profile is started and reviewed"),
    retrieve=extend_schema(
        summary="One neighbourhood's profile at your tier (the export.json shape)", parameters=[TierQuery]
    ),
)
class ProfileViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Neighbourhood]):
    serializer_class = ProfileSummarySerializer
    filterset_class = ProfileFilter
    permission_classes = [HasPerm]
    required_perm = VIEW
    # The id is the neighbourhood's, as on the profile page (/profiles/<id>/).
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Neighbourhood]:
        profiles = NeighbourhoodProfile.objects.filter(neighbourhood=OuterRef("pk"))
        return (
            Neighbourhood.objects.visible_to(self.request.user)
            .select_related("force")
            .defer("boundary", "centre")
            .annotate(started=Exists(profiles), profile_last_reviewed_at=F("profile__last_reviewed_at"))
            .order_by("force__name", "name", "pk")
        )

    def get_serializer_class(self) -> Any:
        return ProfileDetailSerializer if self.action == "retrieve" else ProfileSummarySerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        neighbourhood = self.get_object()  # scope first: outside it, a 404 whatever the query string says
        query = TierQuery(data=request.query_params)
        query.is_valid(raise_exception=True)  # an unknown tier is a 400 naming it (export.json ignores it)
        tier = asked_tier(request.user, query.validated_data.get("tier"))
        return Response(ProfileDetailSerializer(profile_for(tier, neighbourhood).as_dict()).data)
