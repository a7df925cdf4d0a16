"""Serializers for the plans API (police readers only: the view scopes by neighbourhood and tier)."""

from __future__ import annotations

from rest_framework import serializers

from problem_solving.models import Plan, PlanAction


class ActionSerializer(serializers.ModelSerializer[PlanAction]):
    class Meta:
        model = PlanAction
        fields = ["id", "kind", "description", "owner_name", "owner_type", "due_on", "status", "intelligence_urn"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer[Plan]):
    force = serializers.CharField(source="neighbourhood.force.slug", read_only=True)
    neighbourhood_name = serializers.CharField(source="neighbourhood.name", read_only=True)
    tier = serializers.CharField(source="get_tier_display", read_only=True)
    actions = ActionSerializer(many=True, read_only=True)
    # yes / partly / no: plain strings, so the schema does not name one choice set three ways (priorities has it).
    objectives_met = serializers.CharField(read_only=True, help_text="yes, partly, no, or empty.")
    raisers_satisfied = serializers.CharField(read_only=True, help_text="yes, partly, no, or empty.")

    class Meta:
        model = Plan
        fields = [
            "id",
            "reference",
            "force",
            "neighbourhood",
            "neighbourhood_name",
            "priority",
            "title",
            "status",
            "tier",
            "owner_name",
            "objectives",
            "success_criteria",
            "outcome_level",
            "problem_statement",
            "hypothesis",
            "weakest_side",
            "ladder_level",
            "risk_rating",
            "next_review_on",
            "submitted_at",
            "approved_at",
            "objectives_met",
            "closed_on",
            "raisers_satisfied",
            "actions",
        ]
        read_only_fields = fields
