"""The KIN and the engagement plan as JSON (issue 9), the DRF way (docs/code-style.md §5, after priorities/api).

KIN: police only. The permission (``view_kincontact``) is granted to police roles only, and the queryset is empty
below the police tier as well, so a partner granted it by mistake still reads nothing. Scope first
(``visible_to``), outside it a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.tiers import max_tier
from core.api import HasPerm
from core.tiers import Tier
from engagement.api.filters import EventFilter, KinMemberFilter
from engagement.api.permissions import VIEW_EVENT, VIEW_KIN, VIEW_PLAN
from engagement.api.serializers import (
    EngagementPlanQuerySerializer,
    EngagementPlanSerializer,
    EventSerializer,
    KinMemberSerializer,
)
from engagement.models import EngagementEvent, KeyContact
from engagement.plan import PLAN_MONTHS, gap_check, mechanisms_for
from geography.models import Neighbourhood


class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[EngagementEvent]):
    """Engagement events in the areas you can see, at your tier (partners: public and partner-tier events only),
    soonest last: the same queryset as the HTML event list (engagement.event_views._events).
    """

    serializer_class = EventSerializer
    filterset_class = EventFilter
    permission_classes = [HasPerm]
    required_perm = VIEW_EVENT
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[EngagementEvent]:
        user = self.request.user
        events = EngagementEvent.objects.visible_to(user).at_most(max_tier(user))
        return events.select_related("neighbourhood__force").order_by("-starts_at", "-pk")


class KinMemberViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[KeyContact]):
    """Key Individual Network members in the areas you can see (police only): type, the tactical KIN's priority,
    contact preference and consent, last contact. Personal details only at their restricted tier.
    """

    serializer_class = KinMemberSerializer
    filterset_class = KinMemberFilter
    permission_classes = [HasPerm]
    required_perm = VIEW_KIN
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[KeyContact]:
        user = self.request.user
        members = KeyContact.objects.visible_to(user).kin().select_related("profile__neighbourhood")
        if max_tier(user) < Tier.POLICE:
            return members.none()
        return members.at_most(max_tier(user)).order_by("profile__neighbourhood_id", "kin_type", "pk")


class EngagementPlanViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet[Neighbourhood]):
    """A neighbourhood's engagement plan gap check: every to-engage group you may see, with when it was last engaged
    and when it next is; a group with neither is a gap (guide 1062–1066). One neighbourhood per request: the check
    is one query per neighbourhood, so there is no list.
    """

    serializer_class = EngagementPlanSerializer
    permission_classes = [HasPerm]
    required_perm = VIEW_PLAN
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Neighbourhood]:
        return Neighbourhood.objects.visible_to(self.request.user)

    @extend_schema(
        parameters=[OpenApiParameter("months", int, description="Look-back window, 1 to 36 months (default 12).")]
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        neighbourhood = self.get_object()
        query = EngagementPlanQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        months = query.validated_data["months"]
        rows = gap_check(neighbourhood=neighbourhood, tier=max_tier(request.user), months=months)
        data = {
            "neighbourhood": neighbourhood.pk,
            "neighbourhood_name": neighbourhood.name,
            "months": months,
            "plan_months": PLAN_MONTHS,
            "gaps": sum(1 for row in rows if row.is_gap),
            "groups": rows,
            "mechanisms": mechanisms_for(neighbourhood=neighbourhood, tier=max_tier(request.user)),
        }
        return Response(EngagementPlanSerializer(data).data)
