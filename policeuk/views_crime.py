"""Street-level crime in data.police.uk's paths and shapes (reference-anchors §1.4), from the imported records.

Crime records are public police.uk data. Extensions where police.uk's users hit walls (§1.7), each documented
in the schema: ``poly`` by POST, a plain list paged by ``Link`` headers instead of a 503 over 10,000 results,
and an ``X-NPT-No-Data`` header when the month has no data loaded (an empty list is then not "no crime").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from crime.categories import CATEGORY_SLUGS
from crime.coverage import coverage
from crime.models import Crime
from crime.queries import months_imported
from policeuk import schemas, shapes
from policeuk.base import PoliceUkView
from policeuk.params import AtLocationQuery, DateQuery, LatLngQuery, NoLocationQuery

PAGE = 10_000  # police.uk's own ceiling for one answer
TAGS = ["police.uk"]
BAD = OpenApiResponse(schemas.ERROR, description="A parameter is malformed.")
LIST_HEADERS = [schemas.NO_DATA_HEADER, schemas.LINK_HEADER]
KNOWN = set(CATEGORY_SLUGS.values())


def latest_month() -> dt.date | None:
    months = months_imported()
    return months[-1] if months else None


def _month(data: dict[str, Any]) -> dt.date | None:
    return data.get("date") or latest_month()


def _category(slug: str) -> str | None:
    """None for all crime; 404 (as police.uk) for a category it does not know."""
    if slug == "all-crime":
        return None
    if slug not in KNOWN:
        raise NotFound("No such crime category.")
    return slug


def _list(request: Request, crimes: QuerySet[Crime], month: dt.date | None, page: int = 1) -> Response:
    if month is None:
        return Response([], headers={"X-NPT-No-Data": "no crime data is loaded"})
    rows = list(crimes.filter(month=month).order_by("pk")[(page - 1) * PAGE : page * PAGE + 1])
    headers = {}
    if len(rows) > PAGE:
        rows = rows[:PAGE]
        query = request.query_params.copy()
        query["page"] = str(page + 1)
        headers["Link"] = f'<{request.build_absolute_uri(request.path)}?{query.urlencode()}>; rel="next"'
    if not rows and month not in set(months_imported(Crime.objects.filter(month=month))):
        headers["X-NPT-No-Data"] = f"{month:%Y-%m}"
    return Response([shapes.crime(c) for c in rows], headers=headers)


@extend_schema(
    tags=TAGS,
    parameters=[LatLngQuery],
    responses={200: schemas.CRIME.__class__(many=True), 400: BAD, 404: BAD},
)
class CrimesStreet(PoliceUkView):
    """``/crimes-street/{category}?lat=&lng=&date=`` (one mile) or ``?poly=``; POST takes the same as a form."""

    def _answer(self, request: Request, category: str, data: Any) -> Response:
        query = LatLngQuery(data=data)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        crimes = Crime.objects.located()
        slug = _category(category)
        if slug is not None:
            crimes = crimes.filter(category=slug)
        if "area" in params:
            crimes = crimes.filter(location__within=params["area"])
        else:
            crimes = crimes.filter(location__distance_lte=(params["point"], D(mi=1)))
        return _list(request, crimes, _month(params), params.get("page", 1))

    @extend_schema(parameters=[LatLngQuery], responses={200: schemas.CRIME.__class__(many=True), 400: BAD, 404: BAD})
    def get(self, request: Request, category: str) -> Response:
        return self._answer(request, category, request.query_params)

    @extend_schema(
        request=LatLngQuery,
        parameters=[],
        responses={200: schemas.CRIME.__class__(many=True), 400: BAD, 404: BAD},
        description="NPT extension: the same parameters as a form body, for polygons too long for a URL.",
    )
    def post(self, request: Request, category: str) -> Response:
        return self._answer(request, category, request.data)


@extend_schema(tags=TAGS, parameters=[AtLocationQuery], responses={200: schemas.CRIME.__class__(many=True), 400: BAD})
class CrimesAtLocation(PoliceUkView):
    """``/crimes-at-location?lat=&lng=&date=``: the crimes at the snap point nearest the point (within a mile)."""

    def get(self, request: Request) -> Response:
        query = AtLocationQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        month = _month(params)

        point = Point(params["lng"], params["lat"], srid=4326)
        in_month = Crime.objects.located().filter(month=month, location__distance_lte=(point, D(mi=1)))
        nearest = in_month.annotate(d=Distance("location", point)).order_by("d").values_list("location", flat=True)
        first = nearest.first()
        crimes = Crime.objects.none() if first is None else Crime.objects.filter(location=first)
        return _list(request, crimes, month)


@extend_schema(tags=TAGS, parameters=[NoLocationQuery], responses={200: schemas.CRIME.__class__(many=True), 400: BAD})
class CrimesNoLocation(PoliceUkView):
    """``/crimes-no-location?category=&force=&date=``: the force's records that had no coordinates."""

    def get(self, request: Request) -> Response:
        query = NoLocationQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        crimes = Crime.objects.unlocated().filter(release__force=params["force"])
        slug = _category(params["category"])
        if slug is not None:
            crimes = crimes.filter(category=slug)
        return _list(request, crimes, _month(params))


@extend_schema(tags=TAGS, parameters=[DateQuery], responses={200: schemas.CATEGORY.__class__(many=True), 400: BAD})
class CrimeCategories(PoliceUkView):
    """``/crime-categories?date=``: the categories of the month's records, after ``all-crime``."""

    def get(self, request: Request) -> Response:
        query = DateQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        month = _month(query.validated_data)
        if month is None:
            return Response([shapes.ALL_CRIME])
        slugs = Crime.objects.filter(month=month).order_by("category").values_list("category", flat=True).distinct()
        return Response([shapes.ALL_CRIME, *(shapes.category(s) for s in slugs)])


@extend_schema(tags=TAGS, responses={200: schemas.OUTCOMES_FOR_CRIME, 404: BAD})
class OutcomesForCrime(PoliceUkView):
    """``/outcomes-for-crime/{persistent_id}``: the crime and its last outcome as imported.

    One outcome at most, and its ``date`` (like ``outcome_status.date`` on every crime) is always null: the
    street CSV NPT imports has the last outcome category but not the month it was recorded.
    """

    def get(self, request: Request, persistent_id: str) -> Response:
        record = Crime.objects.filter(crime_id=persistent_id).order_by("-month").first()
        if record is None:
            raise NotFound("No crime with that persistent id.")
        outcomes = []
        if record.last_outcome:
            outcomes.append({"category": {"code": None, "name": record.last_outcome}, "date": None, "person_id": None})
        return Response({"crime": shapes.crime(record), "outcomes": outcomes})


@extend_schema(tags=TAGS, responses=schemas.DATES.__class__(many=True))
class CrimesStreetDates(PoliceUkView):
    """``/crimes-street-dates``: each month with data, newest first, and the forces that have it.

    police.uk lists the forces with stop-and-search data under ``stop-and-search``; NPT imports none, so that list
    is empty (never claimed). ``forces`` (extension) lists the forces with street-level crime that month.
    """

    def get(self, request: Request) -> Response:
        by_month: dict[dt.date, list[str]] = {}
        for force, months in coverage().items():
            for row in months:
                if row.records is not None:
                    by_month.setdefault(row.month, []).append(force)
        return Response(
            [
                {"date": f"{m:%Y-%m}", "stop-and-search": [], "forces": sorted(f)}
                for m, f in sorted(by_month.items(), reverse=True)
            ]
        )


@extend_schema(tags=TAGS, responses=schemas.LAST_UPDATED)
class CrimeLastUpdated(PoliceUkView):
    """``/crime-last-updated``: the latest month with data, as police.uk writes it (``YYYY-MM-01``)."""

    def get(self, request: Request) -> Response:
        month = latest_month()
        return Response({"date": f"{month:%Y-%m-%d}" if month else None})
