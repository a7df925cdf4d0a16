"""Serializers of the impact API: a study's design, and each run's results with what they rest on."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from impact.models import ImpactRun, ImpactStudy


class ImpactRunSerializer(serializers.ModelSerializer[ImpactRun]):
    results = serializers.SerializerMethodField(
        help_text="Per outcome: treated and comparison counts and % change, did_pct_points, wdd, model (the "
        "Poisson QMLE rate ratio with area and month fixed effects, clustered by area), ratio_of_ratios, "
        "randomisation, placebo, series, areas, coverage and caveats (or why the run was refused)."
    )

    class Meta:
        model = ImpactRun
        fields = [
            "id", "status", "created_at", "confirmed_gaps", "source", "as_at", "vintage", "coverage",
            "complete_coverage", "results",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.DictField())
    def get_results(self, run: ImpactRun) -> dict[str, Any]:
        return dict(run.results)


class ImpactStudySerializer(serializers.ModelSerializer[ImpactStudy]):
    force = serializers.CharField(source="force.slug", read_only=True, help_text="police.uk force id")
    treated = serializers.ListField(child=serializers.CharField(), read_only=True)
    comparison_codes = serializers.ListField(child=serializers.CharField(), read_only=True)
    buffer_codes = serializers.ListField(child=serializers.CharField(), read_only=True)
    buffer_comparison_codes = serializers.ListField(child=serializers.CharField(), read_only=True)
    outcomes = serializers.ListField(child=serializers.CharField(), read_only=True)
    latest_run = serializers.SerializerMethodField()

    class Meta:
        model = ImpactStudy
        fields = [
            "id", "name", "force", "unit", "vintage", "treated", "comparison", "comparison_codes",
            "matches_per_area", "buffer_codes", "buffer_comparison_codes", "intervention_date", "plan", "reference",
            "before_start", "before_end", "after_start", "after_end", "outcomes", "created_at", "updated_at",
            "latest_run",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(ImpactRunSerializer(allow_null=True))
    def get_latest_run(self, study: ImpactStudy) -> dict[str, Any] | None:
        runs = list(study.runs.all())  # prefetched, newest first
        return ImpactRunSerializer(runs[0]).data if runs else None
