"""GeoJSON Features for the geography API (djangorestframework-gis), in WGS84 as stored.

Geometry arrives as GeoJSON the database wrote (``AsGeoJSON`` with ``PRECISION``): see
``core.api.DatabaseGeoJSONField``. Every feature carries ``kind`` and ``label`` because static/npt/map.js
styles by the one and writes the other into the tooltip (as text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from core.api import DatabaseGeoJSONField
from geography.models import LSOA, Force, Neighbourhood, NeighbourhoodLSOA, Vintage

# Six decimal places is about 0.1 m: plenty for a map, and it keeps the payload small.
PRECISION = 6


def boundary_geojson(field: str) -> AsGeoJSON:
    """The annotation ``DatabaseGeoJSONField`` reads: FIELD as GeoJSON text at ``PRECISION``."""
    return AsGeoJSON(field, precision=PRECISION)


class NeighbourhoodFeatureSerializer(GeoFeatureModelSerializer):
    """A neighbourhood's boundary. The queryset annotates ``boundary_geojson``."""

    feature_id = serializers.IntegerField(source="pk", read_only=True)
    boundary = DatabaseGeoJSONField(source="boundary_geojson", read_only=True, allow_null=True)
    kind = serializers.SerializerMethodField(help_text='Always "boundary".')
    label = serializers.CharField(source="name", read_only=True)
    force: serializers.SlugRelatedField[Force] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="police.uk force id"
    )
    url = serializers.SerializerMethodField(help_text="The neighbourhood's page.")

    class Meta:
        model = Neighbourhood
        geo_field = "boundary"
        id_field = "feature_id"
        # "id" stays among the properties as well, as the hand-written collections had it.
        fields = ["feature_id", "boundary", "kind", "id", "code", "name", "label", "force", "population", "url"]
        read_only_fields = fields

    def get_kind(self, neighbourhood: Neighbourhood) -> str:
        return "boundary"

    def get_url(self, neighbourhood: Neighbourhood) -> str:
        return reverse("geography:neighbourhood-detail", args=[neighbourhood.pk])


class LSOAFeatureSerializer(GeoFeatureModelSerializer):
    """A member LSOA of a neighbourhood: its share inside and its IoD2019 IMD decile (null when absent).

    Each instance is a membership row from ``geography.selectors.memberships_with_imd`` annotated with
    ``lsoa_geojson``; ``Meta.model`` is LSOA because each feature is one, and the schema takes its geometry
    type from ``LSOA.geometry``. Every field is declared with its source, so none is read from the model.
    """

    feature_id = serializers.IntegerField(source="lsoa_id", read_only=True)
    geometry = DatabaseGeoJSONField(source="lsoa_geojson", read_only=True, allow_null=True)
    kind = serializers.SerializerMethodField(help_text='Always "lsoa".')
    code = serializers.CharField(source="lsoa.code", read_only=True)
    name = serializers.CharField(source="lsoa.name", read_only=True)
    label = serializers.SerializerMethodField()
    vintage = serializers.ChoiceField(source="lsoa.vintage", choices=Vintage.choices, read_only=True)
    weight = serializers.FloatField(read_only=True, help_text="Share of the LSOA's area inside the neighbourhood.")
    method = serializers.ChoiceField(choices=NeighbourhoodLSOA.Method.choices, read_only=True)
    imd_2019_decile = serializers.IntegerField(
        source="imd_decile", read_only=True, allow_null=True, help_text="1 is the most deprived tenth; null if absent."
    )

    class Meta:
        model = LSOA
        geo_field = "geometry"
        id_field = "feature_id"
        fields = [
            "feature_id",
            "geometry",
            "kind",
            "code",
            "name",
            "label",
            "vintage",
            "weight",
            "method",
            "imd_2019_decile",
        ]

    def get_kind(self, membership: NeighbourhoodLSOA) -> str:
        return "lsoa"

    def get_label(self, membership: NeighbourhoodLSOA) -> str:
        return str(membership.lsoa)


@dataclass(frozen=True)
class NeighbourhoodMap:
    """What the neighbourhood page's map draws: the boundary, then each member LSOA."""

    neighbourhood: Neighbourhood
    memberships: QuerySet[NeighbourhoodLSOA]


class NeighbourhoodMapSerializer(serializers.Serializer[NeighbourhoodMap]):
    """One FeatureCollection: the neighbourhood's boundary feature first, then its LSOA features."""

    type = serializers.SerializerMethodField(help_text='Always "FeatureCollection".')
    features = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "enum": ["FeatureCollection"]})
    def get_type(self, value: NeighbourhoodMap) -> str:
        return "FeatureCollection"

    @extend_schema_field(
        PolymorphicProxySerializer(
            component_name="NeighbourhoodMapFeature",
            serializers=[NeighbourhoodFeatureSerializer, LSOAFeatureSerializer],
            resource_type_field_name=None,
            many=True,
        )
    )
    def get_features(self, value: NeighbourhoodMap) -> list[Any]:
        boundary = NeighbourhoodFeatureSerializer(value.neighbourhood, context=self.context).data
        lsoas = LSOAFeatureSerializer(value.memberships, many=True, context=self.context).data
        return [boundary, *lsoas["features"]]
