"""The parts every NPT API shares (docs/code-style.md §5): a permission class that asks ``has_perm``, GeoJSON
pagination, and a geometry field for GeoJSON the database has already written.

Libraries only: ``core`` imports no app of ours.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from drf_spectacular.contrib.rest_framework_gis import build_geo_schema
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.pagination import GeoJsonPagination


class HasPerm(BasePermission):
    """Allows a request when ``user.has_perm(view.required_perm)`` and an object when ``has_perm(perm, obj)``.

    The same question the HTML views ask, answered by the role groups' permissions and the ``rules``
    predicates. A view names its permission in ``required_perm``, or one per action in ``required_perms``
    (e.g. ``{"list": VIEW, "create": ADD}``). Scope is still the queryset's job (``visible_to``), so an object
    outside it is a 404 before this class is asked about it.
    """

    def _perm(self, view: APIView) -> str | None:
        by_action: dict[str, str] = getattr(view, "required_perms", {})
        action = getattr(view, "action", "")
        if action == "metadata":  # OPTIONS describes the list: it needs what reading the list needs
            action = "list"
        perm = by_action.get(action or "", getattr(view, "required_perm", None))
        if perm:
            return perm
        if action is None:
            # A method the router does not route (e.g. POST to a read-only viewset): DRF answers 405 next.
            return None
        raise ImproperlyConfigured(f"{type(view).__name__} names no required_perm for HasPerm to ask.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        perm = self._perm(view)
        return perm is None or bool(user.has_perm(perm))

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        perm = self._perm(view)
        return perm is not None and bool(request.user.has_perm(perm, obj))


class FeatureCollectionPagination(GeoJsonPagination):
    """Pages of a GeoJSON FeatureCollection: ``?page=`` and ``?page_size=`` (capped), with ``count``, ``next``
    and ``previous`` beside ``features``. A page that does not exist (``?page=abc``) is a 404.
    """

    page_size = 100
    max_page_size = 1000

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        # drf-spectacular passes the FeatureCollection component (type and features); a page adds the counts.
        # (GeoJsonPagination's own version expects a bare array and would nest the collection in "features".)
        counts = super(GeoJsonPagination, self).get_paginated_response_schema(schema)["properties"]
        counts.pop("results")
        return {"allOf": [schema, {"type": "object", "required": ["count"], "properties": counts}]}


class DatabaseGeoJSONField(GeometryField):
    """A geometry the database has already written as GeoJSON text (an ``AsGeoJSON`` annotation).

    PostGIS and SpatiaLite both write it, rounded to the precision asked, so each feature skips a GEOS
    round trip and a Python pass over its coordinates. Name the serializer field after the model's geometry
    field (``source=`` the annotation) so the schema takes the geometry type from the model.
    """

    def to_representation(self, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value)
        return super().to_representation(value)


class DatabaseGeoJSONFieldExtension(OpenApiSerializerFieldExtension):
    """Schema for ``DatabaseGeoJSONField``: the geometry type of the model field it is named after (its
    source is an annotation, which drf-spectacular cannot follow).
    """

    target_class = DatabaseGeoJSONField
    priority = 1  # ahead of drf-spectacular's GeometryField extension, which matches subclasses

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        model = self.target.parent.Meta.model
        return build_geo_schema(model._meta.get_field(self.target.field_name))
