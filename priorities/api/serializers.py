"""Serializers for the priorities register API: the record, its dated updates and its police.uk-shaped summary."""

from __future__ import annotations

from rest_framework import serializers

from priorities.models import Priority, PriorityUpdate


class UpdateSerializer(serializers.ModelSerializer[PriorityUpdate]):
    class Meta:
        model = PriorityUpdate
        fields = ["id", "on", "action", "progress"]


class PrioritySerializer(serializers.ModelSerializer[Priority]):
    force = serializers.CharField(source="neighbourhood.force.slug", read_only=True)
    neighbourhood_code = serializers.CharField(source="neighbourhood.code", read_only=True)
    neighbourhood_name = serializers.CharField(source="neighbourhood.name", read_only=True)
    tier = serializers.CharField(source="get_tier_display", read_only=True)
    updates = UpdateSerializer(many=True, read_only=True)

    class Meta:
        model = Priority
        fields = [
            "id",
            "force",
            "neighbourhood",
            "neighbourhood_code",
            "neighbourhood_name",
            "title",
            "status",
            "category",
            "problem",
            "location_text",
            "time_pattern",
            "affected",
            "method",
            "set_on",
            "proposed_by",
            "votes_for",
            "votes_cast",
            "activated_on",
            "closed_on",
            "close_justification",
            "decided_by",
            "raisers_satisfied",
            "outcome",
            "superseded_by",
            "tier",
            "updates",
        ]
        read_only_fields = fields
