"""Neighbourhood priorities (issue 9): set with the community, reviewed, reported back on and closed.

A priority is SMART (guide part4: specific about the behaviour, where and when), records how it was set and by
whom (the guide wants priorities "set mainly by public"), passes an ECHR/proportionality check before it becomes
active (guide 7370–7373), is reviewed at least every three months, carries dated public "you said, we did"
updates including lack of success (guide 5558), and closes only with a justification, who decided and whether
those who raised it are satisfied (guide 7463–7467, 21865). SARA plans (problem_solving) point at a priority
(``plan``, a one-to-one from problem_solving.Plan).

The lifecycle moves only through ``priorities.services``; the guards are also database constraints, so no path
(admin, shell, a future import) can activate an unchecked priority or close one without its reasons.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.locking import Versioned
from core.tiers import Tier
from geography.scoping import NeighbourhoodScopedQuerySet

# Guide part4: 3–5 priorities per neighbourhood, 1–2 per panel in large rural areas; three by default.
DEFAULT_MAX_CURRENT = 3
# Guide part4: review at least every three months.
DEFAULT_REVIEW_MONTHS = 3


class PriorityQuerySet(NeighbourhoodScopedQuerySet):
    def at_most(self, tier: int) -> PriorityQuerySet:
        return self.filter(tier__lte=tier)

    def current(self) -> PriorityQuerySet:
        return self.filter(status=Priority.Status.ACTIVE)

    def closed(self) -> PriorityQuerySet:
        return self.filter(status__in=Priority.CLOSED)


class Priority(Versioned, models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        RESOLVED = "resolved", "Resolved"
        CLOSED_NOT_RESOLVED = "closed_not_resolved", "Closed, not resolved"
        SUPERSEDED = "superseded", "Superseded"

    class Category(models.TextChoices):
        ASB = "asb", "Anti-social behaviour"
        BURGLARY = "burglary", "Burglary"
        VEHICLE_CRIME = "vehicle_crime", "Vehicle crime"
        VIOLENCE = "violence", "Violence"
        DRUGS = "drugs", "Drugs"
        ROAD_SAFETY = "road_safety", "Road safety (speeding, parking)"
        ENVIRONMENTAL = "environmental", "Environmental (litter, fly-tipping, graffiti)"
        OTHER_CRIME = "other_crime", "Other crime"
        QUALITY_OF_LIFE = "quality_of_life", "Other quality of life"

    class Method(models.TextChoices):
        PUBLIC_VOTE = "public_vote", "Vote at a public meeting"
        PANEL = "panel", "Representative panel"
        SURVEY = "survey", "Survey"
        OTHER = "other", "Other"

    class ProposedBy(models.TextChoices):
        PUBLIC = "public", "The public"
        POLICE = "police", "Police"
        PARTNERS = "partners", "Partners"

    class DecidedBy(models.TextChoices):
        TEAM = "team", "The neighbourhood team"
        JOINT_GROUP = "joint_group", "The joint problem-solving group"
        FORUM = "forum", "The community forum or panel"

    class Satisfied(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    CLOSED = (Status.RESOLVED, Status.CLOSED_NOT_RESOLVED, Status.SUPERSEDED)

    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.PROTECT, related_name="priorities")
    title = models.CharField(
        max_length=200,
        help_text="Say what, where and when, for example “Motorbikes ridden on Mill Lane playing field on weekday "
        "evenings”, not “Tackle ASB”.",
    )
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.PROPOSED)
    # Priorities are published (guide "minimum website content" 12890–12904): public unless marked otherwise.
    tier = models.PositiveSmallIntegerField("Who can see this", choices=Tier.choices, default=Tier.PUBLIC)

    # Specific and SMART.
    problem = models.TextField("The problem behaviour", blank=True)
    location_text = models.CharField("Exact location", max_length=300, blank=True)
    location = models.PointField(srid=4326, null=True, blank=True)
    time_pattern = models.CharField("When it happens", max_length=200, blank=True, help_text="Days and hours.")
    affected = models.CharField("Who is affected", max_length=300, blank=True)
    causing = models.CharField("Who is causing it, where known", max_length=300, blank=True)
    category = models.CharField(max_length=32, choices=Category.choices, blank=True)

    # How it was set.
    method = models.CharField("How it was decided", max_length=16, choices=Method.choices, blank=True)
    set_on = models.DateField("Date agreed", null=True, blank=True)
    proposed_by = models.CharField("Who proposed it", max_length=16, choices=ProposedBy.choices, blank=True)
    # Votes for it where a vote or a ranking survey was held; missing (not 0) when there was none.
    votes_for = models.PositiveIntegerField("Votes for", null=True, blank=True)
    votes_cast = models.PositiveIntegerField("Votes cast in all", null=True, blank=True)

    # Where it came from.
    events = models.ManyToManyField(
        "engagement.EngagementEvent", blank=True, related_name="priorities", verbose_name="Engagement events"
    )
    concerns = models.ManyToManyField("engagement.Concern", blank=True, related_name="priorities")

    # The ECHR / proportionality check (guide 7370–7373), recorded before activation.
    echr_checked = models.BooleanField("ECHR and proportionality check done", default=False)
    echr_note = models.TextField("ECHR and proportionality note", blank=True)
    activated_on = models.DateField(null=True, blank=True)

    # Closing (guide 7463–7467, 21865).
    closed_on = models.DateField(null=True, blank=True)
    close_justification = models.TextField("Why it is closing", blank=True)
    decided_by = models.CharField("Who decided", max_length=16, choices=DecidedBy.choices, blank=True)
    raisers_satisfied = models.CharField(
        "Are those who raised it satisfied", max_length=8, choices=Satisfied.choices, blank=True
    )
    outcome = models.TextField("Outcome", blank=True, help_text="Shown to the public with the closed priority.")
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PriorityQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[events, concerns])

    class Meta:
        ordering = ["neighbourhood", "-created_at"]
        verbose_name_plural = "priorities"
        permissions = [("view_team_board", "See the team's priorities with their review flags")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="active")
                | (Q(echr_checked=True) & ~Q(echr_note="") & Q(activated_on__isnull=False)),
                name="priority_active_needs_echr_check",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["resolved", "closed_not_resolved", "superseded"])
                | (
                    ~Q(close_justification="")
                    & ~Q(decided_by="")
                    & ~Q(raisers_satisfied="")
                    & Q(closed_on__isnull=False)
                ),
                name="priority_closed_needs_reasons",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    def review_due_on(self, *, months: int, last_review: dt.date | None = None) -> dt.date | None:
        """When the next review is due: MONTHS after the last review, or after activation. None unless active."""
        if self.status != self.Status.ACTIVE or self.activated_on is None:
            return None
        since = max(d for d in (self.activated_on, last_review) if d is not None)
        return since + relativedelta(months=months)


class PriorityUpdate(models.Model):
    """A dated public "you said, we did" update: what was done, progress, including lack of success."""

    class Progress(models.TextChoices):
        STARTED = "started", "Work started"
        SOME = "some", "Some progress"
        NONE = "none", "No progress yet"
        ACHIEVED = "achieved", "Achieved"
        NOT_ACHIEVED = "not_achieved", "Not achieved"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField("Date of the action")
    action = models.TextField("What we did")
    progress = models.CharField(max_length=16, choices=Progress.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-on", "-created_at"]
        get_latest_by = ["on", "created_at"]

    def __str__(self) -> str:
        return f"{self.on}: {self.action[:40]}"


class PriorityReview(models.Model):
    """A review of an active priority: is it still the right priority, is the plan working."""

    class Decision(models.TextChoices):
        CONTINUE = "continue", "Keep it as a priority"
        CLOSE = "close", "Recommend closing it"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    note = models.TextField("What the review found")
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.CONTINUE)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]

    def __str__(self) -> str:
        return f"Review of {self.priority_id} on {self.reviewed_on}"


class PrioritySettings(Versioned, models.Model):
    """Per-neighbourhood settings: how many current priorities before a warning, how often to review.

    Versioned: two sergeants editing the same neighbourhood's settings cannot silently overwrite each other.
    """

    neighbourhood = models.OneToOneField(
        "geography.Neighbourhood", on_delete=models.CASCADE, related_name="priority_settings"
    )
    max_current = models.PositiveSmallIntegerField("Current priorities before a warning", default=DEFAULT_MAX_CURRENT)
    review_months = models.PositiveSmallIntegerField("Months between reviews", default=DEFAULT_REVIEW_MONTHS)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "priority settings"
        constraints = [
            models.CheckConstraint(condition=Q(max_current__gte=1), name="priority_settings_max_current_positive"),
            models.CheckConstraint(
                condition=Q(review_months__gte=1) & Q(review_months__lte=12), name="priority_settings_review_months"
            ),
        ]

    def __str__(self) -> str:
        return f"Priority settings for {self.neighbourhood_id}"


class SurveyVote(models.Model):
    """Votes for one candidate priority in a ranking survey (issue 9: "vote counts per candidate feed how it was set").

    The survey run is engagement's (``engagement.SurveyRun``, the one survey model); the count belongs with the
    priority it ranks. Recording a run's votes copies the count into the priority's ``votes_for`` and the run's
    responses into ``votes_cast`` (``priorities.services.survey_votes_record``), so "how it was set" reads one place.
    """

    run = models.ForeignKey("engagement.SurveyRun", on_delete=models.CASCADE, related_name="candidate_votes")
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="survey_votes")
    votes = models.PositiveIntegerField("Votes")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-votes", "priority_id"]
        constraints = [models.UniqueConstraint(fields=["run", "priority"], name="survey_vote_once_per_candidate")]

    def __str__(self) -> str:
        return f"{self.votes} votes for {self.priority_id} in run {self.run_id}"
