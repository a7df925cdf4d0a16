"""The one survey model: confidence, satisfaction and fear-of-crime results (issue 9; profile category 7).

Until issue 9 these were the profile's ``SurveyResult`` items (ADR 0011); the profile's category 7 and its trend
read these same rows through ``engagement.selectors``, never a copy. One row is one figure: per neighbourhood
(through its profile), with its source, date, sample size, question or measure and value (guide 2494–2510).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from engagement.models.registers import RegisterPart

# Issue 3, category 7: the headline confidence question.
HEADLINE_QUESTION = (
    "The police and local council are dealing with the crime and anti-social behaviour issues that matter in this area"
)


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
