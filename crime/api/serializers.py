"""What the crime API publishes: only what data.police.uk itself publishes (reference-anchors §1.3)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crime.models import Crime


class LocationSerializer(serializers.Serializer[Any]):
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    street = serializers.CharField(help_text="police.uk's anonymised 'On or near ...' text.")


class CrimeSerializer(serializers.ModelSerializer[Crime]):
    """One police.uk record at its anonymised snap point. No internal keys beyond police.uk's own Crime ID."""

    month = serializers.DateField(format="%Y-%m")
    location = serializers.SerializerMethodField()
    lsoa_code = serializers.CharField(help_text="The LSOA code as published in the police.uk file.")
    outcome_category = serializers.CharField(source="last_outcome")

    class Meta:
        model = Crime
        fields = ["crime_id", "category", "month", "location", "lsoa_code", "outcome_category", "context"]

    @extend_schema_field(LocationSerializer(allow_null=True))
    def get_location(self, crime: Crime) -> dict[str, Any] | None:
        if crime.location is None:
            return None
        return {"latitude": crime.location.y, "longitude": crime.location.x, "street": crime.location_text}


class CountSerializer(serializers.Serializer[Any]):
    month = serializers.DateField(format="%Y-%m", required=False)
    category = serializers.CharField(required=False)
    count = serializers.IntegerField()


class GapSerializer(serializers.Serializer[Any]):
    force = serializers.CharField(help_text="police.uk force id")
    month = serializers.DateField(format="%Y-%m")
    note = serializers.CharField(help_text="Absent, or unusually small against the force's usual month.")


class CountsSerializer(serializers.Serializer[Any]):
    source = serializers.CharField()  # type: ignore[assignment]  # a field named "source" shadows Field.source in the stubs
    start = serializers.DateField(format="%Y-%m", allow_null=True)
    end = serializers.DateField(format="%Y-%m", allow_null=True)
    coverage = serializers.CharField(help_text="One sentence: the months the counts rest on, and any gaps.")
    gaps = GapSerializer(many=True)
    months_covered = serializers.ListField(child=serializers.DateField(format="%Y-%m"))
    months_missing = serializers.ListField(
        child=serializers.DateField(format="%Y-%m"),
        help_text="Months in the window with no data imported: their counts are unknown, not zero.",
    )
    results = CountSerializer(many=True)
