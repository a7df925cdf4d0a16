"""Writes for queries: each service is one transaction, cleans before saving, and records an audit event.

The clock (issue 16): 72 hours from receipt to the first *meaningful response*, which is a reply recorded and
sent (``query_reply``). Acknowledging does not stop it. Mail goes through Celery after commit
(``queries.tasks``), so a rolled-back write never sends anything. Audit data never holds personal data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import PartnerOrganisation, Team, User
from core.audit import audit_record
from core.locking import save_versioned
from core.models import AuditEvent
from geography.models import Neighbourhood
from queries.models import PERSONAL_FIELDS, NamedOfficer, Query, QueryReply, QueryRetention

Verb = AuditEvent.Verb
DEFAULT_RETENTION_MONTHS = 12
ERASED_TEXT = "[erased after the retention period]"


def _queue(task_name: str, *args: int) -> None:
    from queries import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.delay(*args))


def _save(query: Query, *, loaded_version: int | None, fields: list[str]) -> Query:
    """Save FIELDS if the query is still at LOADED_VERSION (a form's), else at the version locked now."""
    query.full_clean()
    if loaded_version is None:
        loaded_version = Query.objects.select_for_update().values_list("version", flat=True).get(pk=query.pk)
    return save_versioned(query, loaded_version=loaded_version, update_fields=fields)


def team_sergeant(neighbourhood: Neighbourhood) -> User | None:
    """The sergeant leading a team that covers NEIGHBOURHOOD (escalations and reviews go to them)."""
    team = (
        Team.objects.filter(neighbourhoods=neighbourhood, leader__isnull=False)
        .select_related("leader")
        .order_by("pk")
        .first()
    )
    return team.leader if team else None


def team_people(neighbourhood: Neighbourhood) -> list[User]:
    """Who a query may be reassigned to within the team: its named officers, assigned officers, team members."""
    users = User.objects.filter(is_active=True, force_id=neighbourhood.force_id).filter(
        pk__in=[
            *NamedOfficer.objects.filter(neighbourhood=neighbourhood, user__isnull=False).values_list(
                "user", flat=True
            ),
            *neighbourhood.officers.values_list("pk", flat=True),
            *User.objects.filter(teams__neighbourhoods=neighbourhood).values_list("pk", flat=True),
            *User.objects.filter(teams_led__neighbourhoods=neighbourhood).values_list("pk", flat=True),
        ]
    )
    return list(users.distinct().order_by("first_name", "last_name", "username"))


def partner_contacts(neighbourhood: Neighbourhood) -> list[PartnerOrganisation]:
    return list(PartnerOrganisation.objects.filter(neighbourhoods=neighbourhood).order_by("name"))


@transaction.atomic
def query_submit(
    *,
    neighbourhood: Neighbourhood,
    topic: str,
    message: str,
    reply_by: str,
    sender_name: str = "",
    sender_email: str = "",
    sender_phone: str = "",
    location_text: str = "",
    location: Point | None = None,
    consent_contact: bool,
    consent_share: bool = False,
    actor: User | None = None,
) -> Query:
    """A query from the public form: it lands in the named officers' queue, due 72 hours from now."""
    named = NamedOfficer.objects.filter(neighbourhood=neighbourhood, user__isnull=False).order_by("order", "pk").first()
    query = Query(
        neighbourhood=neighbourhood,
        topic=topic,
        message=message,
        reply_by=reply_by,
        sender_name=sender_name,
        # Minimised: only the route the sender chose to be replied by is kept.
        sender_email=sender_email if reply_by == Query.ReplyBy.EMAIL else "",
        sender_phone=sender_phone if reply_by == Query.ReplyBy.PHONE else "",
        location_text=location_text,
        location=location,
        consent_contact=consent_contact,
        consent_share=consent_share,
        received_at=timezone.now(),
        assigned_to=named.user if named else None,
    )
    query.full_clean(exclude=["due_at"])
    query.save()
    audit_record(actor=actor, verb=Verb.QUERY_RECEIVED, target=query, data={"topic": topic})
    if query.sender_email:
        _queue("send_confirmation", query.pk)
    return query


def _refuse_if_erased(query: Query) -> None:
    if query.is_erased:
        raise ValidationError("This query's details have been erased; it can no longer be worked.")


@transaction.atomic
def query_acknowledge(*, query: Query, actor: User | None, loaded_version: int | None = None) -> Query:
    """Mark the query seen. It does not stop the clock: only a meaningful response does."""
    _refuse_if_erased(query)
    if query.acknowledged_at is None:
        query.acknowledged_at = timezone.now()
    if query.status == Query.Status.NEW:
        query.status = Query.Status.ACKNOWLEDGED
    _save(query, loaded_version=loaded_version, fields=["acknowledged_at", "status"])
    audit_record(actor=actor, verb=Verb.QUERY_ACKNOWLEDGED, target=query)
    return query


@transaction.atomic
def query_reply(
    *, query: Query, message: str, channel: str, actor: User | None, loaded_version: int | None = None
) -> QueryReply:
    """Record a reply and send it: the first one is the meaningful response that stops the clock."""
    _refuse_if_erased(query)
    if channel == QueryReply.Channel.EMAIL and not query.sender_email:
        raise ValidationError({"channel": "The sender left no email address: reply by phone and record it here"})
    if channel == QueryReply.Channel.PHONE and not query.sender_phone:
        raise ValidationError({"channel": "The sender left no phone number: reply by email"})
    reply = QueryReply(query=query, channel=channel, message=message, sent_at=timezone.now(), sent_by=actor)
    reply.full_clean()
    reply.save()
    first = query.first_response_at is None
    if first:
        query.first_response_at = reply.sent_at
    if query.status in (Query.Status.NEW, Query.Status.ACKNOWLEDGED):
        query.status = Query.Status.ANSWERED
    _save(query, loaded_version=loaded_version, fields=["first_response_at", "status"])
    audit_record(
        actor=actor,
        verb=Verb.QUERY_REPLIED,
        target=query,
        data={"reply": reply.pk, "channel": channel, "first_response": first, "in_time": query.answered_in_time()},
    )
    if channel == QueryReply.Channel.EMAIL:
        _queue("send_reply", reply.pk)
    return reply


@transaction.atomic
def query_reassign(
    *,
    query: Query,
    actor: User | None,
    to_user: User | None = None,
    to_partner: PartnerOrganisation | None = None,
    loaded_version: int | None = None,
) -> Query:
    """Give the query to someone in the team, or pass it to a partner organisation covering the area."""
    _refuse_if_erased(query)
    if (to_user is None) == (to_partner is None):
        raise ValidationError("Choose one person in the team or one partner")
    if to_user is not None:
        if to_user not in team_people(query.neighbourhood):
            raise ValidationError({"assigned_to": "Choose someone in this neighbourhood's team"})
        query.assigned_to = to_user
        fields, data = ["assigned_to"], {"to_user": to_user.pk}
    else:
        assert to_partner is not None
        if to_partner not in partner_contacts(query.neighbourhood):
            raise ValidationError({"partner_organisation": "Choose a partner that covers this neighbourhood"})
        query.partner_organisation = to_partner
        fields, data = ["partner_organisation"], {"to_partner": to_partner.pk}
    _save(query, loaded_version=loaded_version, fields=fields)
    audit_record(actor=actor, verb=Verb.QUERY_REASSIGNED, target=query, data=data)
    return query


@transaction.atomic
def query_to_concern(*, query: Query, text: str, actor: User | None, loaded_version: int | None = None) -> Any:
    """Raise a community concern (engagement) from the query; TEXT is what the officer records, not the contact."""
    _refuse_if_erased(query)
    if query.concern_id is not None:
        raise ValidationError("This query is already a community concern")
    concern_model = apps.get_model("engagement", "Concern")
    concern = concern_model(neighbourhood=query.neighbourhood, text=text, people_count=1, source="other")
    concern.full_clean()
    concern.save()
    query.concern = concern
    _save(query, loaded_version=loaded_version, fields=["concern"])
    audit_record(actor=actor, verb=Verb.QUERY_CONCERN_RAISED, target=query, data={"concern": concern.pk})
    return concern


@transaction.atomic
def query_link(
    *,
    query: Query,
    actor: User | None,
    priority: Any | None = None,
    plan: Any | None = None,
    loaded_version: int | None = None,
) -> Query:
    """Link the query to one of its neighbourhood's priorities and/or SARA plans (problem_solving.Plan)."""
    _refuse_if_erased(query)
    if priority is None and plan is None:
        raise ValidationError("Choose a priority or a SARA plan")
    if priority is not None and priority.neighbourhood_id != query.neighbourhood_id:
        raise ValidationError({"priority": "Choose a priority of this neighbourhood"})
    if plan is not None and plan.neighbourhood_id != query.neighbourhood_id:
        raise ValidationError({"plan": "Choose a plan of this neighbourhood"})
    fields = []
    if priority is not None:
        query.priority = priority
        fields.append("priority")
    if plan is not None:
        query.plan = plan
        fields.append("plan")
    _save(query, loaded_version=loaded_version, fields=fields)
    audit_record(
        actor=actor,
        verb=Verb.QUERY_LINKED,
        target=query,
        data={"priority": getattr(priority, "pk", None), "plan": getattr(plan, "pk", None)},
    )
    return query


@transaction.atomic
def query_close(
    *, query: Query, outcome: str, note: str = "", actor: User | None, loaded_version: int | None = None
) -> Query:
    query.status = Query.Status.CLOSED
    query.outcome = outcome
    query.outcome_note = note
    query.closed_at = timezone.now()
    _save(query, loaded_version=loaded_version, fields=["status", "outcome", "outcome_note", "closed_at"])
    audit_record(actor=actor, verb=Verb.QUERY_CLOSED, target=query, data={"outcome": outcome})
    return query


@transaction.atomic
def queries_escalate_overdue(*, now: dt.datetime | None = None) -> list[int]:
    """Escalate every query past 72 hours without a meaningful response to its team's sergeant (once each)."""
    now = now or timezone.now()
    escalated = []
    due = Query.objects.overdue(now).filter(escalated_at__isnull=True).select_for_update(skip_locked=True)
    for query in due.select_related("neighbourhood"):
        query.escalated_at = now
        query.escalated_to = team_sergeant(query.neighbourhood)
        _save(query, loaded_version=query.version, fields=["escalated_at", "escalated_to"])
        audit_record(
            actor=None, verb=Verb.QUERY_ESCALATED, target=query, data={"to": query.escalated_to_id, "reason": "72h"}
        )
        if query.escalated_to is not None and query.escalated_to.email:
            _queue("notify_sergeant", query.pk)
        escalated.append(query.pk)
    return escalated


@transaction.atomic
def query_request_review(*, query: Query, reason: str) -> Query:
    """The sender's recourse (the signed link in their confirmation): the review goes to the sergeant."""
    if query.review_requested_at is not None:
        raise ValidationError("A review of this query has already been requested")
    query.review_requested_at = timezone.now()
    query.review_reason = reason
    if query.escalated_to_id is None:
        query.escalated_to = team_sergeant(query.neighbourhood)
    _save(query, loaded_version=None, fields=["review_requested_at", "review_reason", "escalated_to"])
    audit_record(actor=None, verb=Verb.QUERY_REVIEW_REQUESTED, target=query, data={"to": query.escalated_to_id})
    if query.escalated_to is not None and query.escalated_to.email:
        _queue("notify_sergeant", query.pk)
    return query


# Retention ---------------------------------------------------------------------------------------------------


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """MOMENT moved back MONTHS calendar months (the last day of a shorter month when the day does not exist)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def retention_months(force_id: int) -> int:
    policy = QueryRetention.objects.filter(force_id=force_id).first()
    return policy.months_after_closure if policy else DEFAULT_RETENTION_MONTHS


def queries_due_for_erasure(*, now: dt.datetime | None = None, within: QuerySet[Query] | None = None) -> list[Query]:
    """Closed queries (of WITHIN, default all) whose force's retention after closure has run out, not yet erased."""
    now = now or timezone.now()
    due = []
    candidates = (
        (Query.objects.all() if within is None else within)
        .filter(status=Query.Status.CLOSED, erased_at__isnull=True)
        .select_related("neighbourhood__force")
    )
    months = {}
    for query in candidates.order_by("closed_at"):
        force_id = query.neighbourhood.force_id
        if force_id not in months:
            months[force_id] = retention_months(force_id)
        if query.closed_at is not None and query.closed_at <= months_before(now, months[force_id]):
            due.append(query)
    return due


@transaction.atomic
def query_erase(*, query: Query, actor: User | None) -> Query:
    """Blank the sender's details and free text; keep the anonymised row and the audit trail."""
    query.sender_name = query.sender_email = query.sender_phone = query.location_text = ""
    query.location = None
    query.message = ERASED_TEXT
    query.review_reason = ""
    query.erased_at = timezone.now()
    _save(query, loaded_version=None, fields=[*PERSONAL_FIELDS, "review_reason", "erased_at"])
    query.replies.update(message=ERASED_TEXT)
    audit_record(actor=actor, verb=Verb.QUERY_ERASED, target=query)
    return query


def queries_erase_due(
    *, now: dt.datetime | None = None, within: QuerySet[Query] | None = None, actor: User | None = None
) -> int:
    erased = 0
    for query in queries_due_for_erasure(now=now, within=within):
        query_erase(query=query, actor=actor)
        erased += 1
    return erased
