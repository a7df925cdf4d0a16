"""Query parameters as police.uk takes them, validated by serializers so a bad one is a 400, never a 500."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.gis.geos import Point, Polygon
from rest_framework import serializers

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_NUMBER = r"-?\d{1,3}(?:\.\d{1,12})?"
_PAIR = re.compile(rf"^\s*({_NUMBER})\s*,\s*({_NUMBER})\s*$")
MAX_POLY_POINTS = 10_000


def parse_month(text: str) -> dt.date:
    if not _MONTH.match(text or ""):
        raise serializers.ValidationError("Use a month as YYYY-MM.")
    return dt.date(int(text[:4]), int(text[5:7]), 1)


def parse_point(text: str) -> Point:
    match = _PAIR.match(text or "")
    if not match:
        raise serializers.ValidationError("Use latitude,longitude in decimal degrees.")
    lat, lng = float(match[1]), float(match[2])
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise serializers.ValidationError("Latitude must be within ±90 and longitude within ±180.")
    return Point(lng, lat, srid=4326)


class MonthField(serializers.CharField):
    def to_internal_value(self, data: Any) -> dt.date:  # type: ignore[override]
        return parse_month(super().to_internal_value(data))


class DateQuery(serializers.Serializer[Any]):
    date = MonthField(required=False, help_text="Month, YYYY-MM; the latest month with data when omitted.")


class LatLngQuery(DateQuery):
    lat = serializers.FloatField(required=False, min_value=-90, max_value=90)
    lng = serializers.FloatField(required=False, min_value=-180, max_value=180)
    poly = serializers.CharField(
        required=False, help_text="lat,lng:lat,lng:... (closed for you); POST it for long boundaries."
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000, help_text="NPT extension.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "poly" in attrs:
            attrs["area"] = parse_poly(attrs["poly"])
        elif "lat" in attrs and "lng" in attrs:
            attrs["point"] = Point(attrs["lng"], attrs["lat"], srid=4326)
        else:
            raise serializers.ValidationError("Give lat and lng, or poly.")
        return attrs


def parse_poly(text: str) -> Polygon:
    parts = [p for p in text.split(":") if p.strip()]
    if not 3 <= len(parts) <= MAX_POLY_POINTS:
        raise serializers.ValidationError({"poly": "A polygon needs 3 to 10,000 lat,lng points joined by ':'."})
    ring = []
    for part in parts:
        try:
            point = parse_point(part)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"poly": error.detail}) from error
        ring.append((point.x, point.y))
    if ring[0] != ring[-1]:
        ring.append(ring[0])  # police.uk does not require the first and last points to match
    polygon = Polygon(ring, srid=4326)
    if not polygon.valid:
        raise serializers.ValidationError({"poly": "The polygon crosses itself."})
    return polygon


class LocateQuery(serializers.Serializer[Any]):
    q = serializers.CharField(help_text="latitude,longitude")

    def validate_q(self, value: str) -> Point:
        return parse_point(value)


class AtLocationQuery(DateQuery):
    lat = serializers.FloatField(min_value=-90, max_value=90)
    lng = serializers.FloatField(min_value=-180, max_value=180)


class NoLocationQuery(DateQuery):
    category = serializers.CharField(max_length=64, default="all-crime")
    force = serializers.SlugField(max_length=64)


class BoundaryQuery(serializers.Serializer[Any]):
    srid = serializers.ChoiceField(
        choices=[4326, 27700], default=4326, help_text="NPT extension: 27700 gives British National Grid."
    )
