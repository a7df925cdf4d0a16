"""Self-assessments (the guide's RAG template, guide 22325–23362) and stored period values of the measures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.locking import Versioned


class Rating(models.TextChoices):
    """Guide 22442–22446."""

    RED = "red", "Red: does not meet the majority of the 'looking fors'"
    AMBER = "amber", "Amber: meets the majority, with some serious omissions"
    GREEN = "green", "Green: meets virtually all, no serious omissions"


class SelfAssessmentQuerySet(models.QuerySet["SelfAssessment"]):
    def visible_to(self, user: object) -> SelfAssessmentQuerySet:
        """Assessments of teams with a neighbourhood the user may read (scope follows the neighbourhoods)."""
        from geography.models import Neighbourhood

        readable = Neighbourhood.objects.visible_to(user)
        return self.filter(team__neighbourhoods__in=readable).distinct()


class SelfAssessment(Versioned, models.Model):
    """One team's self-assessment for a period: a sergeant drafts, an inspector signs off (issue 15)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SIGNED_OFF = "signed_off", "Signed off"

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="self_assessments")
    period_start = models.DateField("Period start")
    period_end = models.DateField("Period end")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    signed_off_at = models.DateTimeField(null=True, blank=True, editable=False)
    sign_off_note = models.TextField("Inspector's note", blank=True)

    objects = SelfAssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "team__name", "-pk"]
        permissions = [
            ("view_performance", "Can view the performance framework"),
            ("sign_off_selfassessment", "Can sign off a self-assessment"),
            ("view_officer_figures", "Can view an officer's own performance figures"),
            ("view_any_officer_figures", "Can view the performance figures of any officer in scope"),
        ]

    def __str__(self) -> str:
        return f"{self.team} self-assessment, {self.period_start:%d %b %Y} to {self.period_end:%d %b %Y}"

    @property
    def is_signed_off(self) -> bool:
        return self.status == self.Status.SIGNED_OFF


class AssessmentAnswer(models.Model):
    """One question's rating, commentary and evidence links (paths of NPT records, one a line)."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=64)  # performance.checklist key
    rating = models.CharField(max_length=8, choices=Rating.choices, blank=True)
    commentary = models.TextField(blank=True)
    evidence = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="perf_answer_once")]
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.question}: {self.rating or 'not rated'}"

    def evidence_links(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]


class MeasureSnapshot(models.Model):
    """A measure's value for one scope and period, stored by the ``performance.snapshot`` job (trends)."""

    class Scope(models.TextChoices):
        NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"
        TEAM = "team", "Team"
        FORCE = "force", "Force"

    measure = models.CharField(max_length=64)
    scope = models.CharField(max_length=16, choices=Scope.choices)
    scope_id = models.PositiveIntegerField()
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.FloatField(null=True, blank=True)  # None: missing (the reason is kept)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    missing = models.CharField(max_length=200, blank=True)
    coverage = models.TextField(blank=True)
    computed_at = models.DateTimeField(default=timezone.now)
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "scope", "scope_id", "period_start", "period_end"], name="perf_snapshot_once"
            )
        ]
        ordering = ["measure", "scope", "scope_id", "-period_end"]

    def __str__(self) -> str:
        return f"{self.measure} {self.scope} {self.scope_id} {self.period_start}–{self.period_end}"


class Threshold(Versioned, models.Model):
    """A force's target for one measure: where green and amber start (issue 15: "a target or threshold set per
    force (versioned like the scoring method)"; history keeps every earlier version).

    The figures compared are the ones shown: a share or a change in percent; a count per neighbourhood with data
    (so a team's and a force's count is judged on the same scale as a neighbourhood's).
    """

    class Direction(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    force = models.ForeignKey("geography.Force", on_delete=models.CASCADE, related_name="+")
    measure = models.CharField(max_length=64)  # performance.registry key
    direction = models.CharField(max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    green = models.FloatField("Green from")
    amber = models.FloatField("Amber from")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["force", "measure"], name="perf_threshold_once")]
        ordering = ["force", "measure"]

    def __str__(self) -> str:
        return f"{self.measure} threshold for force {self.force_id}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from performance.registry import BY_KEY

        if self.measure not in BY_KEY:
            raise ValidationError({"measure": "Choose a measure from the list"})
        if self.direction == self.Direction.HIGHER and self.green < self.amber:
            raise ValidationError({"green": "Green must start at or above amber when higher is better"})
        if self.direction == self.Direction.LOWER and self.green > self.amber:
            raise ValidationError({"green": "Green must start at or below amber when lower is better"})
