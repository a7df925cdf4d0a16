"""The one survey model: confidence, satisfaction and fear-of-crime results (issue 9; profile category 7).

Until issue 9 these were the profile's ``SurveyResult`` items (ADR 0011); the profile's category 7 and its trend
read these same rows through ``engagement.selectors``, never a copy. One row is one figure: per neighbourhood
(through its profile), with its source, date, sample size, question or measure and value (guide 2494–2510).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.locking import Versioned
from core.tiers import Tier
from engagement.models.registers import RegisterPart
from geography.scoping import NeighbourhoodScopedQuerySet

# Issue 3, category 7: the headline confidence question.
HEADLINE_QUESTION = (
    "The police and local council are dealing with the crime and anti-social behaviour issues that matter in this area"
)
# Issue 9: the second headline question, the confidence question (the CSEW's wording; guide part4 confidence).
CONFIDENCE_QUESTION = "Taking everything into account, I have confidence in the police in this area"


class SurveyRunQuerySet(NeighbourhoodScopedQuerySet):
    def at_most(self, tier: int) -> SurveyRunQuerySet:
        return self.filter(tier__lte=tier)


class SurveyRun(Versioned, models.Model):
    """One survey carried out in a neighbourhood: its dates, how many responded, its questions and ranking.

    Its questions are ``SurveyResult`` rows (``run``): the very records the profile's category 7 and its trend
    read, never a copy. A run may also rank candidate priorities; the votes are ``priorities.SurveyVote`` rows.
    """

    class Purpose(models.TextChoices):
        CONFIDENCE = "confidence", "Confidence and satisfaction"
        PRIORITIES = "priorities", "Choosing priorities"
        BOTH = "both", "Both"

    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.PROTECT, related_name="survey_runs")
    title = models.CharField("Survey name", max_length=200)
    purpose = models.CharField("What it asks about", max_length=16, choices=Purpose.choices)
    source = models.CharField(
        "Who ran it",
        max_length=16,
        choices=[("local", "Local survey"), ("force", "Force survey"), ("csew", "Crime Survey for England and Wales")],
    )
    starts_on = models.DateField("Fieldwork started")
    ends_on = models.DateField("Fieldwork ended")
    # Missing is missing: a run whose response count is not known has none (never 0).
    responses = models.PositiveIntegerField(
        "How many responded", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    tier = models.PositiveSmallIntegerField("Who can see this", choices=Tier.choices, default=Tier.PARTNER)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SurveyRunQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-ends_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="survey_run_dates")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.ends_on})"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Fieldwork must end on or after the day it started."})


class SurveyResult(RegisterPart):
    """Category 7: one survey figure (guide 2494–2510: local survey data, force survey, the CSEW)."""

    class Source(models.TextChoices):
        LOCAL = "local", "Local survey"
        FORCE = "force", "Force survey"
        CSEW = "csew", "Crime Survey for England and Wales"

    class Measure(models.TextChoices):
        CONFIDENCE = "confidence", "Confidence"
        SATISFACTION = "satisfaction", "Satisfaction"
        FEAR = "fear", "Fear of crime"
        OTHER = "other", "Other"

    CATEGORY = 7  # the profile's CategoryKey.SATISFACTION
    DISPLAY_FIELDS = (
        "measure",
        "question",
        "is_headline",
        "surveyed_on",
        "sample_size",
        "value",
        "source",
        "source_detail",
    )

    profile = models.ForeignKey("profiles.NeighbourhoodProfile", on_delete=models.CASCADE, related_name="surveys")
    measure = models.CharField("Measure", max_length=16, choices=Measure.choices)
    is_headline = models.BooleanField(
        "This is the headline question", default=False, help_text=f"“{HEADLINE_QUESTION}”."
    )
    question = models.CharField(
        "Question", max_length=300, blank=True, help_text="Leave blank for the headline question."
    )
    surveyed_on = models.DateField("Date of the survey", help_text="The end of fieldwork.")
    sample_size = models.PositiveIntegerField(
        "Sample size", null=True, blank=True, validators=[MinValueValidator(1)], help_text="Leave blank if not known."
    )
    value = models.DecimalField(
        "Result (%)",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="The percentage agreeing, satisfied or worried.",
    )
    source = models.CharField("Source", max_length=16, choices=Source.choices)
    source_detail = models.CharField("Survey name", max_length=200, blank=True)
    # A question of a survey run, with its aggregate counts: ``value`` is then agreed / answered (the response
    # base), computed by ``survey_services``. Rows entered as a bare figure (the profile's form) have neither.
    run = models.ForeignKey(SurveyRun, null=True, blank=True, on_delete=models.CASCADE, related_name="results")
    agreed = models.PositiveIntegerField("How many agreed", null=True, blank=True)
    answered = models.PositiveIntegerField(
        "How many answered the question", null=True, blank=True, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["-is_headline", "question", "surveyed_on"]

    def __str__(self) -> str:
        return f"{self.question} ({self.surveyed_on}): {self.value}%"

    def clean(self) -> None:
        super().clean()
        if self.is_headline:
            self.question = HEADLINE_QUESTION
        elif not self.question.strip():
            raise ValidationError({"question": "Enter the question, or tick the headline question."})
