"""Neighbourhood queries (issue 16): named contactable officers and the 72-hour response standard.

The Neighbourhood Policing Guarantee (Home Office, April 2025; shared/docs/reference-anchors.md §7) asks for
named, contactable officers in every community and a meaningful response to neighbourhood queries within 72
hours, with recourse when that is missed. The guide asks for a named point of contact (digest part1 item 14)
and easy ways to raise concerns (part1 §2.4).

Personal data: the sender's contact details and free text are police-only, kept out of the history tables
(``HistoricalRecords(excluded_fields=...)``) so that erasure really erases them, and blanked after the force's
retention period (``QueryRetention``); the anonymised row (topic, neighbourhood, times) stays for the measures.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, Self

from django.conf import settings
from django.contrib.gis.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.tiers import max_tier
from core.locking import Versioned
from core.tiers import Tier
from geography.scoping import NeighbourhoodScopedQuerySet

# The Guarantee's standard: a meaningful response within 72 hours of receipt.
RESPONSE_HOURS = 72
RESPONSE_TIME = dt.timedelta(hours=RESPONSE_HOURS)
MESSAGE_MAX = 3000
# Fields holding the sender's personal data: never in history, blanked on erasure.
PERSONAL_FIELDS = ("sender_name", "sender_email", "sender_phone", "message", "location_text", "location")
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read over the phone


class NamedOfficerQuerySet(NeighbourhoodScopedQuerySet):
    def published(self) -> NamedOfficerQuerySet:
        return self.filter(tier=Tier.PUBLIC)


class NamedOfficer(Versioned, models.Model):
    """A named, contactable officer for a neighbourhood, in police.uk's ``people`` shape.

    The public contact route is the query form; a personal email or phone is shown only when the force
    chooses to publish one (``public_email``/``public_phone``). Sergeants keep the list (``queries.officers``);
    ``version`` stops two of them overwriting each other.
    """

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.CASCADE, related_name="named_officers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="named_officer_posts",
        help_text="The account that works this neighbourhood's query queue.",
    )
    name = models.CharField(max_length=200)
    rank = models.CharField(max_length=100)
    role = models.CharField(max_length=200, help_text="For example: Neighbourhood beat manager")
    bio = models.TextField(max_length=1500, blank=True)
    public_email = models.EmailField(blank=True, help_text="Only if the force chooses to publish it.")
    public_phone = models.CharField(max_length=30, blank=True, help_text="Only if the force chooses to publish it.")
    tier = models.PositiveSmallIntegerField("Who can see this", choices=Tier.choices, default=Tier.PUBLIC)
    order = models.PositiveSmallIntegerField(default=0)

    objects = NamedOfficerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["neighbourhood", "order", "name"]
        verbose_name = "named officer"

    def __str__(self) -> str:
        return f"{self.rank} {self.name}"


class QueryRetention(models.Model):
    """How long a force keeps a closed query's personal data (issue 16: e.g. 12 months after closure)."""

    force = models.OneToOneField("geography.Force", on_delete=models.CASCADE, related_name="query_retention")
    months_after_closure = models.PositiveSmallIntegerField(default=12)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.force}: {self.months_after_closure} months"


def new_reference() -> str:
    chars = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"NQ-{chars[:4]}-{chars[4:]}"


class QueryQuerySet(NeighbourhoodScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Police read their scope's queries; anyone below the police tier only what was passed to them."""
        rows = super().visible_to(user)
        if max_tier(user) >= Tier.POLICE:
            return rows
        organisation = getattr(user, "organisation_id", None)
        return rows.filter(partner_organisation_id=organisation) if organisation else rows.none()

    def open(self) -> QueryQuerySet:
        return self.exclude(status=Query.Status.CLOSED)

    def awaiting_response(self) -> QueryQuerySet:
        return self.open().filter(first_response_at__isnull=True)

    def overdue(self, now: dt.datetime | None = None) -> QueryQuerySet:
        return self.awaiting_response().filter(due_at__lt=now or timezone.now())


class Query(Versioned, models.Model):
    class Topic(models.TextChoices):
        ASB = "asb", "Anti-social behaviour"
        LOCAL_PROBLEM = "local_problem", "A local problem"
        PRIORITY = "priority", "A question about a neighbourhood priority"
        FEEDBACK = "feedback", "Feedback"
        OTHER = "other", "Something else"

    class ReplyBy(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        ANSWERED = "answered", "Answered"
        CONCERN = "concern", "Taken on as a community concern"
        PRIORITY = "priority", "Linked to a neighbourhood priority"
        PARTNER = "partner", "Passed to a partner"
        NO_ACTION = "no_action", "No further action"
        NO_CONTACT = "no_contact", "Could not contact the sender"

    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.PROTECT, related_name="queries")
    topic = models.CharField(max_length=16, choices=Topic.choices)
    message = models.TextField(max_length=MESSAGE_MAX)
    location_text = models.CharField("Street or place", max_length=200, blank=True)
    location = models.PointField(srid=4326, null=True, blank=True)
    # Contact details: police-only, minimised (one route is enough), erased after retention.
    sender_name = models.CharField(max_length=100, blank=True)
    reply_by = models.CharField(max_length=8, choices=ReplyBy.choices)
    sender_email = models.EmailField(blank=True)
    sender_phone = models.CharField(max_length=30, blank=True)
    consent_contact = models.BooleanField(default=False)
    consent_share = models.BooleanField(
        "May share the message with partner agencies", default=False, help_text="Never the contact details."
    )

    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True, help_text="The first meaningful response.")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="queries_assigned"
    )
    partner_organisation = models.ForeignKey(
        "accounts.PartnerOrganisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="queries"
    )
    # Referred to a named partner contact of the engagement register (issue 16): recorded, and not a response:
    # the 72-hour clock runs on until a reply is sent (guide part1 §3 "Answers"; the Guarantee's measure).
    referred_to = models.ForeignKey(
        "engagement.KeyContact", null=True, blank=True, on_delete=models.SET_NULL, related_name="queries_referred"
    )
    referred_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="queries_escalated"
    )
    review_requested_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(max_length=MESSAGE_MAX, blank=True)

    concern = models.ForeignKey(
        "engagement.Concern", null=True, blank=True, on_delete=models.SET_NULL, related_name="queries"
    )
    priority = models.ForeignKey(
        "priorities.Priority", null=True, blank=True, on_delete=models.SET_NULL, related_name="queries"
    )
    plan = models.ForeignKey(
        "problem_solving.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="queries"
    )
    # Links made before problem_solving.Plan existed, as typed; migration 0005 turned the ones naming a plan's
    # reference into ``plan``. Kept (read-only) so no link a user made is lost.
    plan_reference = models.CharField("SARA plan (as typed before plans existed)", max_length=100, blank=True)

    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(max_length=MESSAGE_MAX, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = QueryQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=[*PERSONAL_FIELDS, "review_reason"])

    class Meta:
        ordering = ["due_at"]
        verbose_name_plural = "queries"
        permissions = [
            ("view_query_sender", "Can see a query sender's contact details"),
            ("view_query_measures", "Can see the 72-hour query measures"),
            ("view_query_oversight", "Can see escalations and neighbourhoods without a named officer"),
            ("erase_query", "Can see and erase queries due for erasure"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: object, **kwargs: object) -> None:
        if self.due_at is None:
            self.due_at = self.received_at + RESPONSE_TIME
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def time_left(self, now: dt.datetime | None = None) -> dt.timedelta | None:
        """Until the deadline (negative when overdue); None once a meaningful response stopped the clock."""
        if self.first_response_at is not None:
            return None
        return self.due_at - (now or timezone.now())

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        left = self.time_left(now)
        return left is not None and left < dt.timedelta(0) and self.status != self.Status.CLOSED

    def answered_in_time(self) -> bool | None:
        if self.first_response_at is None:
            return None
        return self.first_response_at <= self.due_at

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class QueryReplyQuerySet(NeighbourhoodScopedQuerySet):
    neighbourhood_path = "query__neighbourhood"


class QueryReply(models.Model):
    """A reply to the sender: recorded and sent, it is a meaningful response and stops the clock."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email (sent from NPT)"
        PHONE = "phone", "Phone call (recorded here)"

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="replies")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    message = models.TextField(max_length=MESSAGE_MAX)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = QueryReplyQuerySet.as_manager()

    class Meta:
        ordering = ["sent_at"]
        verbose_name_plural = "query replies"

    def __str__(self) -> str:
        return f"Reply to {self.query_id} at {self.sent_at:%Y-%m-%d %H:%M}"
