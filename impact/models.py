"""Impact studies and their runs (issue 13).

A study names the treated areas, how the comparison is chosen, an optional displacement buffer with its own
control, the before and after windows and the outcomes. Each run stores its results with what they rest on:
the source, the latest month loaded (as at), the LSOA vintage and the coverage of the windows, so a figure
read months later still says where it came from. A study is edited with a version check (``updated_at``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from crime.coverage import month_span


class Unit(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhoods"
    LSOA = "lsoa", "LSOAs"


class Comparison(models.TextChoices):
    REST = "rest", "All other areas in the force (the Police Now method)"
    MATCHED = "matched", "Matched areas (nearest by IMD decile and baseline crime)"
    MANUAL = "manual", "Areas I choose"


class ImpactStudyQuerySet(models.QuerySet["ImpactStudy"]):
    def visible_to(self, user: object) -> ImpactStudyQuerySet:
        """Studies of the reader's force (every force for national readers); none for anyone else."""
        if not getattr(user, "is_authenticated", False) or not user.has_perm("impact.view_impactstudy"):  # type: ignore[attr-defined]
            return self.none()
        if user.has_perm("accounts.view_all_forces"):  # type: ignore[attr-defined]
            return self
        return self.filter(force_id=getattr(user, "force_id", None))


class ImpactStudy(models.Model):
    force = models.ForeignKey("geography.Force", on_delete=models.PROTECT, related_name="impact_studies")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=16, choices=Unit.choices, default=Unit.NEIGHBOURHOOD)
    vintage = models.PositiveSmallIntegerField(
        choices=[(2011, "LSOA 2011"), (2021, "LSOA 2021")], default=2021, help_text="For LSOA studies."
    )
    treated = models.JSONField(default=list, help_text="Codes of the treated areas (neighbourhood or LSOA codes).")
    comparison = models.CharField(max_length=16, choices=Comparison.choices, default=Comparison.REST)
    comparison_codes = models.JSONField(default=list, blank=True, help_text="For a manual comparison.")
    matches_per_area = models.PositiveSmallIntegerField(default=3, help_text="For a matched comparison.")
    buffer_codes = models.JSONField(default=list, blank=True, help_text="Displacement buffer around the treated.")
    buffer_comparison_codes = models.JSONField(default=list, blank=True, help_text="The buffer's own control.")
    intervention_date = models.DateField(null=True, blank=True, help_text="E.g. the date officers were posted.")
    # The SARA plan whose response this study evaluates (issue 10's assessment stage reads the same figures).
    # By app label: feature apps never import each other's models (ADR 0006).
    plan = models.ForeignKey(
        "problem_solving.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="impact_studies"
    )
    # References typed before studies could link a plan; migration 0003 turned those naming a plan of the
    # study's force into ``plan``. The rest (a priority, a plan of another force) are kept as typed, read-only.
    reference = models.CharField(
        "Reference (as typed before plans could be linked)",
        max_length=200,
        blank=True,
        help_text="A priority or SARA plan, if any.",
    )
    before_start = models.DateField()
    before_end = models.DateField()
    after_start = models.DateField()
    after_end = models.DateField()
    outcomes = models.JSONField(default=list, help_text="police.uk category slugs, or all-crime.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImpactStudyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "impact studies"
        constraints = [
            models.CheckConstraint(condition=Q(before_start__lte=models.F("before_end")), name="impact_before_order"),
            models.CheckConstraint(condition=Q(after_start__lte=models.F("after_end")), name="impact_after_order"),
            models.CheckConstraint(condition=Q(before_end__lt=models.F("after_start")), name="impact_windows_order"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def before_months(self) -> list[dt.date]:
        return month_span(self.before_start, self.before_end)

    @property
    def after_months(self) -> list[dt.date]:
        return month_span(self.after_start, self.after_end)

    @property
    def latest_run(self) -> ImpactRun | None:
        return self.runs.order_by("-created_at", "-pk").first()


class ImpactRun(models.Model):
    """One evaluation of a study: its results (``impact.services.evaluate``) and what they rest on."""

    class Status(models.TextChoices):
        COMPLETE = "complete", "Complete"
        REFUSED = "refused", "Refused: missing months, or coverage gaps not confirmed"

    study = models.ForeignKey(ImpactStudy, on_delete=models.CASCADE, related_name="runs")
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices)
    confirmed_gaps = models.BooleanField(default=False, help_text="The analyst confirmed computing over gaps.")
    results = models.JSONField(default=dict)
    source = models.CharField(max_length=300)
    as_at = models.DateField(null=True, blank=True, help_text="The latest police.uk month loaded when run.")
    vintage = models.CharField(max_length=60, help_text="The areas' vintage the counts use.")
    coverage = models.TextField(help_text="The coverage statement of the windows.")
    complete_coverage = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.study} run {self.created_at:%Y-%m-%d %H:%M}"
