"""Serializers of the deployment API: methods, runs, scores with their breakdown, comparisons, map features."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from core.api import DatabaseGeoJSONField
from deployment.methods import COMPONENTS
from deployment.models import LSOAScore, NeighbourhoodScore, ScoreRun, ScoringMethod
from geography.models import LSOA


class ComponentSerializer(serializers.Serializer[dict[str, Any]]):
    key = serializers.ChoiceField(choices=list(COMPONENTS))
    title = serializers.SerializerMethodField()
    raw = serializers.FloatField(allow_null=True, help_text="The input, oriented so that higher is more need.")
    normalised = serializers.FloatField(allow_null=True, help_text="Percentile (0-100) or z-score in the run.")
    weight = serializers.FloatField()
    contribution = serializers.FloatField(allow_null=True, help_text="weight x normalised / total weight.")
    missing = serializers.BooleanField(help_text="The input is missing: never read as 0.")

    def get_title(self, part: dict[str, Any]) -> str:
        return COMPONENTS.get(part["key"], part["key"])


class MethodComponentSerializer(serializers.Serializer[dict[str, Any]]):
    key = serializers.ChoiceField(choices=list(COMPONENTS))
    weight = serializers.FloatField(min_value=0, max_value=1)
    normalisation = serializers.ChoiceField(choices=["percentile", "zscore"])


class ScoringMethodSerializer(serializers.ModelSerializer[ScoringMethod]):
    components = MethodComponentSerializer(many=True)
    parameters = serializers.DictField(required=False, help_text="deployment.methods.DEFAULT_PARAMETERS keys.")

    class Meta:
        model = ScoringMethod
        fields = ["id", "name", "version", "status", "components", "parameters", "notes", "created_at"]
        read_only_fields = ["id", "version", "status", "created_at"]


class ScoreRunSerializer(serializers.ModelSerializer[ScoreRun]):
    method = serializers.SerializerMethodField(help_text="The method's name and version.")
    method_id = serializers.IntegerField(read_only=True)
    scope_label = serializers.CharField(read_only=True)
    notes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ScoreRun
        fields = [
            "id", "method", "method_id", "scope", "scope_label", "vintage", "edition", "window_start", "window_end",
            "months_covered", "coverage_complete", "coverage_note", "trend_coverage_complete", "status",
            "is_current", "job", "started_at", "finished_at", "lsoa_count", "neighbourhood_count", "notes",
            "message",
        ]  # fmt: skip
        read_only_fields = fields

    def get_method(self, run: ScoreRun) -> str:
        return str(run.method)


class BandQuery(serializers.Serializer[dict[str, str]]):
    band = serializers.ChoiceField(choices=["priority", "high", "other", "missing"], required=False)


_SCORE_FIELDS = [
    "score", "rank", "band", "vli", "vli_priority", "crime_rate", "population", "missing", "coverage_gap", "components",
]  # fmt: skip


class NeighbourhoodScoreSerializer(serializers.ModelSerializer[NeighbourhoodScore]):
    name = serializers.CharField(source="neighbourhood.name", read_only=True)
    components = ComponentSerializer(many=True, read_only=True)

    class Meta:
        model = NeighbourhoodScore
        fields = ["id", "neighbourhood", "name", *_SCORE_FIELDS, "share_most_deprived"]
        read_only_fields = fields


class LSOAScoreSerializer(serializers.ModelSerializer[LSOAScore]):
    code = serializers.CharField(source="lsoa.code", read_only=True)
    name = serializers.CharField(source="lsoa.name", read_only=True)
    components = ComponentSerializer(many=True, read_only=True)

    class Meta:
        model = LSOAScore
        fields = ["id", "lsoa", "code", "name", *_SCORE_FIELDS, "imd_rank", "imd_decile"]
        read_only_fields = fields


class DeltaSerializer(serializers.Serializer[Any]):
    component = serializers.CharField()
    contribution_change = serializers.FloatField(allow_null=True)


class MoveSerializer(serializers.Serializer[Any]):
    neighbourhood_id = serializers.IntegerField()
    name = serializers.CharField()
    moved = serializers.BooleanField()
    band_before = serializers.CharField()
    band_after = serializers.CharField()
    rank_before = serializers.IntegerField(allow_null=True)
    rank_after = serializers.IntegerField(allow_null=True)
    score_before = serializers.FloatField(allow_null=True)
    score_after = serializers.FloatField(allow_null=True)
    deltas = DeltaSerializer(many=True)


class CompareQuery(serializers.Serializer[dict[str, int]]):
    other = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text="The run to compare against.")


class LSOALayerFeatureSerializer(GeoFeatureModelSerializer):
    """One LSOA of the map layer: IMD decile and crime rate for every reader; score and band for police (the
    view blanks them for a lower tier). Text goes into the map as DOM text (static/npt/map.js).
    """

    feature_id = serializers.IntegerField(source="pk", read_only=True)
    geometry = DatabaseGeoJSONField(source="geometry_geojson", read_only=True, allow_null=True)
    kind = serializers.SerializerMethodField()
    label = serializers.SerializerMethodField()
    imd_decile = serializers.IntegerField(allow_null=True, read_only=True)
    crime_rate = serializers.FloatField(allow_null=True, read_only=True)
    score = serializers.FloatField(allow_null=True, read_only=True)
    band = serializers.CharField(allow_null=True, read_only=True)

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
            "imd_decile",
            "crime_rate",
            "score",
            "band",
        ]
        read_only_fields = fields

    def get_kind(self, lsoa: LSOA) -> str:
        return "lsoa"

    def get_label(self, lsoa: LSOA) -> str:
        return f"{lsoa.code} {lsoa.name}".strip()


class MapPointSerializer(serializers.Serializer[Any]):
    """One point of a map layer (deployment.overlays.MapPoint). Every string is data: the map writes it as text."""

    layer = serializers.ChoiceField(choices=["priorities", "events", "crimes"])
    name = serializers.CharField(help_text="Priority or event title; a crime point's police.uk location text.")
    detail = serializers.CharField(help_text="Category or place; for crime points the crime type counted.")
    neighbourhood = serializers.CharField(help_text="Blank for crime points (police.uk snap points).")
    when = serializers.CharField(help_text="Active since, starts at, or the police.uk month.")
    count = serializers.IntegerField(allow_null=True, help_text="Crimes at the snap point; null for other layers.")
    longitude = serializers.FloatField()
    latitude = serializers.FloatField()


class MapPointLayerSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    title = serializers.CharField()
    note = serializers.CharField(help_text="What the layer rests on: source, month, coverage, what it leaves out.")
    points = MapPointSerializer(many=True)
