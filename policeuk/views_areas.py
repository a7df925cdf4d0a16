"""Forces and neighbourhoods in data.police.uk's paths and shapes (reference-anchors §1.2-1.3), public tier only.

Priorities, events and people come through the owning apps' selectors (priorities, engagement, queries), each of
which cuts to the public tier itself, so nothing partner- or police-only can reach this API.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from core.tiers import Tier
from engagement.event_selectors import upcoming_public_events
from geography.models import Force, Neighbourhood
from policeuk import schemas, shapes
from policeuk.base import PoliceUkView, get_force, get_neighbourhood, neighbourhoods_of
from policeuk.params import BoundaryQuery, LocateQuery
from priorities.selectors import police_uk_priorities, police_uk_priority_history
from queries.selectors import named_officers

NOT_FOUND = OpenApiResponse(schemas.ERROR, description="Unknown force or neighbourhood.")
BAD = OpenApiResponse(schemas.ERROR, description="A parameter is malformed.")
TAGS = ["police.uk"]


@extend_schema(tags=TAGS, responses=schemas.FORCE.__class__(many=True))
class ForceList(PoliceUkView):
    """``/forces``: every force, id and name."""

    def get(self, request: Request) -> Response:
        return Response([shapes.force_summary(f) for f in Force.objects.order_by("name")])


@extend_schema(tags=TAGS, responses={200: schemas.FORCE_DETAIL, 404: NOT_FOUND})
class ForceDetail(PoliceUkView):
    """``/forces/{force}``."""

    def get(self, request: Request, force: str) -> Response:
        return Response(shapes.force_detail(get_force(force)))


@extend_schema(tags=TAGS, responses={200: schemas.PERSON.__class__(many=True), 404: NOT_FOUND})
class ForcePeople(PoliceUkView):
    """``/forces/{force}/people``: senior officers. NPT records none, so a known force answers ``[]``."""

    def get(self, request: Request, force: str) -> Response:
        get_force(force)
        return Response([])


@extend_schema(tags=TAGS, responses={200: schemas.NEIGHBOURHOOD.__class__(many=True), 404: NOT_FOUND})
class NeighbourhoodList(PoliceUkView):
    """``/{force}/neighbourhoods``."""

    def get(self, request: Request, force: str) -> Response:
        rows = neighbourhoods_of(get_force(force)).order_by("name").only("code", "name")
        return Response([shapes.neighbourhood_summary(n) for n in rows])


@extend_schema(tags=TAGS, responses={200: schemas.NEIGHBOURHOOD_DETAIL, 404: NOT_FOUND})
class NeighbourhoodDetail(PoliceUkView):
    """``/{force}/{neighbourhood}``: free text is sanitised on an allow-list (an NPT guarantee police.uk lacks)."""

    def get(self, request: Request, force: str, neighbourhood: str) -> Response:
        return Response(shapes.neighbourhood_detail(get_neighbourhood(force, neighbourhood)))


@extend_schema(
    tags=TAGS,
    parameters=[BoundaryQuery],
    responses={200: schemas.BOUNDARY_POINT.__class__(many=True), 400: BAD, 404: NOT_FOUND},
)
class NeighbourhoodBoundary(PoliceUkView):
    """``/{force}/{neighbourhood}/boundary``: WGS84 lat/lng strings; ``?srid=27700`` (extension) gives BNG."""

    def get(self, request: Request, force: str, neighbourhood: str) -> Response:
        query = BoundaryQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        hood = get_neighbourhood(force, neighbourhood)
        return Response(shapes.boundary(hood, srid=int(query.validated_data["srid"])))


@extend_schema(tags=TAGS, responses={200: schemas.PERSON.__class__(many=True), 404: NOT_FOUND})
class NeighbourhoodPeople(PoliceUkView):
    """``/{force}/{neighbourhood}/people``: the published named officers (queries.selectors.named_officers)."""

    def get(self, request: Request, force: str, neighbourhood: str) -> Response:
        hood = get_neighbourhood(force, neighbourhood)
        return Response([shapes.person(o) for o in named_officers(hood, tier=Tier.PUBLIC)])


# police.uk lists a neighbourhood's coming events; a year of them is far more than any team holds.
EVENT_LIMIT = 500


@extend_schema(tags=TAGS, responses={200: schemas.EVENT.__class__(many=True), 404: NOT_FOUND})
class NeighbourhoodEvents(PoliceUkView):
    """``/{force}/{neighbourhood}/events``: upcoming public events, naive ISO datetimes."""

    def get(self, request: Request, force: str, neighbourhood: str) -> Response:
        hood = get_neighbourhood(force, neighbourhood)
        return Response([shapes.event(e) for e in upcoming_public_events(neighbourhood=hood, limit=EVENT_LIMIT)])


@extend_schema(tags=TAGS, responses={200: schemas.PRIORITY.__class__(many=True), 404: NOT_FOUND})
class NeighbourhoodPriorities(PoliceUkView):
    """``/{force}/{neighbourhood}/priorities``: agreed public priorities, ``action`` null until one is taken."""

    def get(self, request: Request, force: str, neighbourhood: str) -> Response:
        hood = get_neighbourhood(force, neighbourhood)
        return Response([shapes.priority(row) for row in police_uk_priorities(neighbourhood=hood)])


@extend_schema(tags=TAGS, responses={200: schemas.PRIORITY_HISTORY.__class__(many=True), 404: NOT_FOUND})
class NeighbourhoodPriorityHistory(PoliceUkView):
    """NPT extension ``/{force}/{neighbourhood}/priorities/history``: each public priority's id, status, dates
    and every dated "we did" update (police.uk's priorities have no id, status or history).
    """

    def get(self, request: Request, force: str, neighbourhood: str) -> Response:
        hood = get_neighbourhood(force, neighbourhood)
        rows = police_uk_priority_history(neighbourhood=hood)
        for row in rows:
            row["issue"] = shapes.clean(row["issue"])
            row["outcome"] = shapes.clean(row["outcome"])
            row["updates"] = [{**u, "action": shapes.clean(u["action"])} for u in row["updates"]]
        return Response(rows)


@extend_schema(
    tags=TAGS,
    parameters=[LocateQuery],
    responses={200: schemas.LOCATE, 400: BAD, 404: OpenApiResponse(schemas.ERROR, description="In no neighbourhood.")},
)
class LocateNeighbourhood(PoliceUkView):
    """``/locate-neighbourhood?q=lat,lng``: one object, or 404 outside every boundary."""

    def get(self, request: Request) -> Response:
        query = LocateQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        hood: Any = (
            Neighbourhood.objects.filter(boundary__contains=query.validated_data["q"])
            .select_related("force")
            .order_by("force__slug", "code")
            .first()
        )
        if hood is None:
            raise NotFound("No neighbourhood contains that point.")
        return Response({"force": hood.force.slug, "neighbourhood": hood.code})
