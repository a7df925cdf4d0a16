"""SARA problem-solving plans (issue 10) with the sergeant's review.

The minimum content of a plan is the same in every force (guide 7395–7533, digest part2 §2.1 D): a title, an
owner "whose primary function best fits" with a separate police lead (guide 7401–7407), objectives with criteria
for success (guide 1019–1022, 4345–4353), Scanning (problem statement, CHEERS), Analysis (the problem analysis
triangle: victim/offender/location inside, guardian/handler/manager outside; reference-anchors §3), Response
(actions typed prevention / intelligence / enforcement / communication, each with a named owner and due date,
guide 7433–7467; the intervention ladder, guide 3488–3562), risk, monitoring and review, Assessment and closure
"only when those who have raised the issue are satisfied" (guide 7463–7467).

Intelligence is never copied in: an intelligence action records only the intelligence report's URN.
The workflow moves only through ``problem_solving.services``; each move writes a ``PlanEvent``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.locking import Versioned
from core.tiers import Tier
from geography.scoping import NeighbourhoodScopedQuerySet

# Review cadence by risk (issue 10 "Monitoring and review"): days between sergeant reviews.
REVIEW_DAYS = {"high": 14, "medium": 28, "low": 56}


def force_prefix(slug: str) -> str:
    """The initials of the police.uk force id, used in plan references: "west-yorkshire" gives "WY"."""
    parts = [p for p in slug.split("-") if p]
    return "".join(p[0] for p in parts).upper()[:6] or "NPT"


class PlanCounter(models.Model):
    """The last plan number used per force and year: references are allocated under a row lock (ADR 0010)."""

    force = models.ForeignKey("geography.Force", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["force", "year"], name="plan_counter_force_year")]

    def __str__(self) -> str:
        return f"{self.force_id} {self.year}: {self.last}"


class PlanQuerySet(NeighbourhoodScopedQuerySet):
    def at_most(self, tier: int) -> PlanQuerySet:
        return self.filter(tier__lte=tier)

    def awaiting_review(self) -> PlanQuerySet:
        return self.filter(status=Plan.Status.SUBMITTED)

    def open(self) -> PlanQuerySet:
        return self.exclude(status=Plan.Status.CLOSED)

    def review_overdue(self, today: dt.date | None = None) -> PlanQuerySet:
        """Plans under way whose next sergeant review date has passed."""
        today = today or timezone.localdate()
        return self.filter(status__in=Plan.UNDER_WAY, next_review_on__lt=today)


class Plan(Versioned, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED = "returned", "Returned with comments"
        APPROVED = "approved", "Approved"
        IN_PROGRESS = "in_progress", "In progress"
        ASSESSMENT = "assessment", "Assessment submitted"
        CLOSED = "closed", "Closed"

    class Source(models.TextChoices):
        PRIORITY = "priority", "A neighbourhood priority"
        TASKING = "tasking", "The tactical tasking group (guide 7228–7250)"
        ANALYSIS = "analysis", "Analysis"

    class OutcomeLevel(models.TextChoices):
        ELIMINATE = "eliminate", "Eliminate the problem"
        REDUCE = "reduce", "Reduce it by a stated amount"
        HARM = "harm", "Reduce the harm"
        RESPONSE = "response", "Improve the response"
        HAND_OVER = "hand_over", "Hand over to a better-placed agency"

    class Side(models.TextChoices):
        VICTIM = "victim", "Victim or target"
        OFFENDER = "offender", "Offender"
        LOCATION = "location", "Location"

    class Ladder(models.TextChoices):
        NEGOTIATE = "negotiate", "Negotiate and support"
        WARN = "warn", "Warn and clean up"
        POWERS = "powers", "Full powers"

    class Risk(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Met(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    UNDER_WAY = (Status.APPROVED, Status.IN_PROGRESS)
    EDITABLE = (Status.DRAFT, Status.RETURNED, Status.APPROVED, Status.IN_PROGRESS)

    reference = models.CharField(max_length=32, unique=True, editable=False)
    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.PROTECT, related_name="plans")
    # One plan per priority; a plan may also come from tasking without a priority (guide 7228–7250, 7595–7599).
    priority = models.OneToOneField(
        "priorities.Priority", null=True, blank=True, on_delete=models.PROTECT, related_name="plan"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Plans are police-only unless marked otherwise; partners get a partner-tier summary (plans_for_partner).
    tier = models.PositiveSmallIntegerField("Who can see this", choices=Tier.choices, default=Tier.POLICE)

    # 1. Title, owner and people.
    title = models.CharField(max_length=200)
    owner_name = models.CharField(
        "Plan owner", max_length=200, help_text="Whoever's primary function best fits: may be a partner."
    )
    police_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partners_involved = models.TextField("Partner organisations and community representatives", blank=True)
    objectives = models.TextField("Objectives: what success looks like", blank=True)
    success_criteria = models.TextField("Criteria for success", blank=True, help_text="Measurable where possible.")
    outcome_level = models.CharField(max_length=16, choices=OutcomeLevel.choices, blank=True)

    # 2. Scanning: the problem and the CHEERS check (reference-anchors §3).
    problem_statement = models.TextField("Problem statement naming the harmful behaviour", blank=True)
    source = models.CharField("Where the problem came from", max_length=16, choices=Source.choices, blank=True)
    cheers_community = models.BooleanField("Community: affects the community", null=True, blank=True)
    cheers_community_note = models.CharField(max_length=300, blank=True)
    cheers_harm = models.BooleanField("Harm: causes harm", null=True, blank=True)
    cheers_harm_note = models.CharField(max_length=300, blank=True)
    cheers_expectation = models.BooleanField("Expectation: the public expect police action", null=True, blank=True)
    cheers_expectation_note = models.CharField(max_length=300, blank=True)
    cheers_events = models.BooleanField("Events: distinct events", null=True, blank=True)
    cheers_events_note = models.CharField(max_length=300, blank=True)
    cheers_recurring = models.BooleanField("Recurring", null=True, blank=True)
    cheers_recurring_note = models.CharField(max_length=300, blank=True)
    cheers_similarity = models.BooleanField("Similarity: the events are alike", null=True, blank=True)
    cheers_similarity_note = models.CharField(max_length=300, blank=True)

    # 3. Analysis: the problem analysis triangle, inner and outer sides.
    pat_victim = models.TextField("Victim or target", blank=True)
    pat_offender = models.TextField("Offender", blank=True)
    pat_location = models.TextField("Location", blank=True)
    pat_guardian = models.TextField("Guardian (of the victim)", blank=True)
    pat_handler = models.TextField("Handler (of the offender)", blank=True)
    pat_manager = models.TextField("Manager (of the place)", blank=True)
    weakest_side = models.CharField("Weakest side", max_length=16, choices=Side.choices, blank=True)
    repeat_patterns = models.TextField("Repeat victim, offender or location", blank=True)
    time_place_patterns = models.TextField("Time and place patterns", blank=True)
    hypothesis = models.TextField("Working hypothesis", blank=True)
    sources_used = models.TextField("Sources used", blank=True)

    # 2. Scanning, data evidence: the plan's area is the whole neighbourhood (no LSOAs chosen) or a chosen set of
    # its LSOAs (issue 10 "Data evidence"); crimes are counted in it through crime.queries only (evidence.py).
    area_lsoas = models.ManyToManyField(
        "geography.LSOA", blank=True, related_name="+", verbose_name="LSOAs of the plan's area"
    )
    # A JSON list, not a PostgreSQL ArrayField: the embedded SpatiaLite database of `scripts/run` has no arrays.
    crime_categories = models.JSONField(blank=True, default=list, help_text="police.uk category slugs; none: all.")
    intervention_start = models.DateField(
        "When the response started", null=True, blank=True, help_text="Splits the before and after windows."
    )
    evidence_months = models.PositiveSmallIntegerField(
        "Months in each window", default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )

    # 4. Response (the actions are PlanAction rows).
    ladder_level = models.CharField("Intervention ladder level", max_length=16, choices=Ladder.choices, blank=True)
    communication_strategy = models.TextField(blank=True)

    # 5. Risk and community impact assessment; 7. monitoring (cadence by risk).
    risk_rating = models.CharField(max_length=8, choices=Risk.choices, default=Risk.MEDIUM)
    risk_note = models.TextField("Risk assessment", blank=True)
    community_impact = models.TextField("Community impact assessment", blank=True)
    next_review_on = models.DateField("Next sergeant review", null=True, blank=True)
    # The due date the sergeant was last reminded of, so the nightly job reminds once per due review.
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)

    # 8. Assessment.
    implemented_as_planned = models.TextField("Was it implemented as planned (process)", blank=True)
    objectives_met = models.CharField(
        "Were the objectives met (outcome)", max_length=8, choices=Met.choices, blank=True
    )
    outcome = models.TextField("Outcome and qualitative assessment, including the community's view", blank=True)
    lessons_learned = models.TextField(blank=True)

    # 9. Closure (guide 7463–7467).
    closure_justification = models.TextField(blank=True)
    raisers_satisfied = models.CharField(
        "Are those who raised it satisfied", max_length=8, choices=Met.choices, blank=True
    )
    closed_on = models.DateField(null=True, blank=True)

    # The review.
    submitted_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("review_plan", "Approve or return a problem-solving plan"),
            ("view_plan_dashboard", "See the sergeant's problem-solving dashboard"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | (~Q(closure_justification="") & ~Q(raisers_satisfied="")),
                name="plan_closed_needs_reasons",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(returned_reason=""), name="plan_returned_needs_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def review_days(self) -> int:
        return REVIEW_DAYS.get(self.risk_rating, REVIEW_DAYS["medium"])

    def review_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status in self.UNDER_WAY and self.next_review_on is not None and self.next_review_on < today

    def cheers(self) -> list[tuple[str, bool | None, str]]:
        """The six CHEERS answers as (label, answer, note), in order."""
        names = ("community", "harm", "expectation", "events", "recurring", "similarity")
        return [
            (
                str(getattr(self._meta.get_field(f"cheers_{n}"), "verbose_name", n)),
                getattr(self, f"cheers_{n}"),
                getattr(self, f"cheers_{n}_note"),
            )
            for n in names
        ]


class PlanAction(Versioned, models.Model):
    """One response action with a named owner and a due date (guide 7433–7467, 8543–8545; 1019–1022).

    ``completed_at`` is when it was marked done (set by the service, cleared if it is reopened), so the
    performance framework can tell an action done by its due date from a late one (``actions_on_time``).
    """

    class Kind(models.TextChoices):
        PREVENTION = "prevention", "Prevention"
        INTELLIGENCE = "intelligence", "Intelligence"
        ENFORCEMENT = "enforcement", "Enforcement"
        COMMUNICATION = "communication", "Communication"

    class OwnerType(models.TextChoices):
        POLICE = "police", "Police"
        PARTNER = "partner", "Partner"
        COMMUNITY = "community", "Community"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        UNDER_WAY = "under_way", "Under way"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    description = models.TextField("What will be done")
    owner_name = models.CharField("Owner", max_length=200)
    owner_type = models.CharField(max_length=16, choices=OwnerType.choices, default=OwnerType.POLICE)
    due_on = models.DateField("Due date")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    notes = models.TextField(blank=True)
    # Intelligence is referenced, never copied: the intelligence report's URN only (police tier).
    intelligence_urn = models.CharField("Intelligence report URN", max_length=40, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:40]}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status in (self.Status.PLANNED, self.Status.UNDER_WAY) and self.due_on < today

    @property
    def done_on_time(self) -> bool | None:
        """Done by the due date (None while not done)."""
        if self.completed_at is None:
            return None
        return timezone.localtime(self.completed_at).date() <= self.due_on


class PlanReview(models.Model):
    """One periodic sergeant review: when it was due and when it happened (issue 10 "Monitoring and review").

    ``due_on`` is the plan's next review date at the moment of the review (None if none was set), so
    "reviewed on time" is ``reviewed_at``'s date on or before ``due_on`` (performance ``plans_reviewed``).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    due_on = models.DateField(null=True, blank=True)
    reviewed_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField()

    class Meta:
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan_id} reviewed {self.reviewed_at:%Y-%m-%d}"

    @property
    def on_time(self) -> bool:
        return self.due_on is None or timezone.localtime(self.reviewed_at).date() <= self.due_on


class PlanActivity(models.Model):
    """The dated record of activity (issue 10 §6): an activity, or a problem-solving meeting with its attendees
    and decisions. Who recorded it and when are kept apart from the day it happened.
    """

    class Kind(models.TextChoices):
        ACTIVITY = "activity", "Activity"
        MEETING = "meeting", "Problem-solving meeting"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ACTIVITY)
    occurred_on = models.DateField("Date")
    summary = models.TextField("What happened")
    attendees = models.TextField("Who attended", blank=True)
    decisions = models.TextField("Decisions", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name_plural = "plan activities"

    def __str__(self) -> str:
        return f"{self.plan_id} {self.occurred_on}: {self.summary[:40]}"


class PlanEvent(models.Model):
    """One workflow move: who, when, from which state to which, and the comment (written by the service)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=Plan.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Plan.Status.choices)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.from_status} -> {self.to_status}"
