"""Deployment scores: versioned scoring methods, score runs, and the LSOA and neighbourhood scores of a run.

A method version is never edited once saved: changing the force's agreed method means a new version
(``services.method_new_version``). A run records the method version, scope, LSOA vintage, IoD edition and the
crime window with its coverage; it becomes current for its scope only when it has completed (``compute``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from deployment.methods import COMPONENTS, validate_components, validate_parameters
from geography.scoping import NeighbourhoodScopedQuerySet

NATIONAL = "national"


class ScoringMethod(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AGREED = "agreed", "Agreed"
        RETIRED = "retired", "Retired"

    name = models.CharField(max_length=120)
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    components = models.JSONField(help_text="Components with weights and normalisation (deployment.methods).")
    parameters = models.JSONField(default=dict, blank=True, help_text="Window, bands and VLI-style parameters.")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "-version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="deployment_method_version_unique")]
        permissions = [("plan_allocation", "Can plan officer allocation from deployment scores")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def clean(self) -> None:
        self.components = validate_components(self.components)
        self.parameters = validate_parameters(self.parameters)
        if self.pk is not None:
            saved = ScoringMethod.objects.filter(pk=self.pk).values("components", "parameters", "name", "version").get()
            if (saved["components"], saved["parameters"], saved["name"], saved["version"]) != (
                self.components,
                self.parameters,
                self.name,
                self.version,
            ):
                raise ValidationError("An agreed method is changed only by creating a new version.")

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A second guard beside clean(): code that skips full_clean still cannot rewrite a version in place.
        if self.pk is not None and "update_fields" not in kwargs:
            raise ValidationError("A scoring method version is saved once; change its status with update_fields.")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) - {"status", "notes"}:
            raise ValidationError("Only a method's status and notes change after it is saved.")
        super().save(*args, **kwargs)

    @property
    def weighted(self) -> list[dict[str, Any]]:
        return [item for item in self.components if item["weight"] > 0]

    def component_label(self, key: str) -> str:
        return COMPONENTS.get(key, key)


class ScoreRunQuerySet(models.QuerySet["ScoreRun"]):
    def current(self) -> ScoreRunQuerySet:
        return self.filter(is_current=True)

    def visible_to(self, user: Any) -> ScoreRunQuerySet:
        """Runs of the user's force and national runs (scores inside are cut to scope separately)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.has_perm("accounts.view_all_forces"):
            return self
        return self.filter(Q(force__isnull=True) | Q(force_id=user.force_id))


class ScoreRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    method = models.ForeignKey(ScoringMethod, on_delete=models.PROTECT, related_name="runs")
    force = models.ForeignKey(
        "geography.Force", null=True, blank=True, on_delete=models.CASCADE, help_text="Empty: a national run."
    )
    scope = models.CharField(max_length=64, help_text="The force's police.uk id, or 'national'.")
    vintage = models.PositiveSmallIntegerField(help_text="LSOA vintage (2011 or 2021).")
    edition = models.PositiveSmallIntegerField(help_text="IoD edition (2019 or 2025).")
    window_start = models.DateField(null=True, blank=True)
    window_end = models.DateField(null=True, blank=True)
    months_covered = models.PositiveSmallIntegerField(default=0)
    coverage_complete = models.BooleanField(default=False)
    coverage_note = models.TextField(blank=True)
    trend_coverage_complete = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    is_current = models.BooleanField(default=False)
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    lsoa_count = models.PositiveIntegerField(default=0)
    neighbourhood_count = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True, help_text="Stand-ins and caveats stated with the run.")
    message = models.TextField(blank=True)

    objects = ScoreRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "vintage"], condition=Q(is_current=True), name="deployment_one_current_run"
            )
        ]

    def __str__(self) -> str:
        return f"Run #{self.pk} ({self.scope}, {self.method})"

    @property
    def scope_label(self) -> str:
        return self.force.name if self.force is not None else "England and Wales"


class AreaScore(models.Model):
    """What an LSOA score and a neighbourhood score share."""

    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(null=True, blank=True, help_text="Composite 0-100 (percentile) or z; empty: missing.")
    rank = models.PositiveIntegerField(null=True, blank=True, help_text="1 is the highest score in the run.")
    band = models.CharField(max_length=16, blank=True)
    vli = models.FloatField(null=True, blank=True, help_text="VLI-style (reconstructed) value; empty: missing.")
    vli_priority = models.BooleanField(default=False)
    imd_decile = models.PositiveSmallIntegerField(null=True, blank=True)
    crime_rate = models.FloatField(null=True, blank=True)
    population = models.FloatField(null=True, blank=True)
    missing = models.BooleanField(default=False, help_text="A weighted input is missing: no score.")
    coverage_gap = models.BooleanField(default=False, help_text="The crime window has a coverage gap.")
    components = models.JSONField(default=list, help_text="Per component: raw, normalised, weight, contribution.")

    class Meta:
        abstract = True


class Band(models.TextChoices):
    PRIORITY = "priority", "Priority"
    HIGH = "high", "High"
    OTHER = "other", "Other"
    MISSING = "missing", "Not scored"


class LSOAScoreQuerySet(NeighbourhoodScopedQuerySet):
    neighbourhood_path = "lsoa__memberships__neighbourhood"

    def visible_to(self, user: Any) -> Any:
        # An LSOA is seen through the neighbourhoods it belongs to; the membership join must not repeat rows.
        return self.filter(pk__in=super().visible_to(user).values("pk"))


class LSOAScore(AreaScore):
    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="lsoa_scores")
    lsoa = models.ForeignKey("geography.LSOA", on_delete=models.CASCADE, related_name="+")
    imd_rank = models.PositiveIntegerField(null=True, blank=True)

    objects = LSOAScoreQuerySet.as_manager()

    def __str__(self) -> str:
        return f"LSOA {self.lsoa_id} in run {self.run_id}: {self.score}"

    class Meta:
        ordering = ["run", "rank"]
        constraints = [models.UniqueConstraint(fields=["run", "lsoa"], name="deployment_lsoa_score_unique")]


class NeighbourhoodScore(AreaScore):
    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="neighbourhood_scores")
    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.CASCADE, related_name="+")
    share_most_deprived = models.FloatField(
        null=True, blank=True, help_text="Share of member LSOAs in the most deprived decile nationally, 0-1."
    )

    objects = NeighbourhoodScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Neighbourhood {self.neighbourhood_id} in run {self.run_id}: {self.score}"

    class Meta:
        ordering = ["run", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["run", "neighbourhood"], name="deployment_neighbourhood_score_unique")
        ]
