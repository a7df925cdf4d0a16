"""Referring a query to a named partner contact from engagement's register (issue 16 "reassign it within the
team or to a partner contact (recorded)").

The register is engagement's one list of key contacts (ADR 0011); it is read through
``engagement.selectors.partner_contacts_for_referral`` only (a named importlinter exception). Referral is police
work: the contact's name is police-tier, and so is the list.

The 72-hour clock (issue 16 "A meaningful response is a reply that is recorded and sent"): a referral is not a
response. It leaves ``first_response_at``, ``due_at`` and the status alone, so the query stays in the team's
queue, goes overdue and is escalated at 72 hours unless someone replies to the sender. What a contact may be
told is what the sender consented to share (``consent_share``: the message; otherwise the topic and place
only), never the sender's contact details; the audit event records which applied.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from core.audit import audit_record
from core.models import AuditEvent
from core.tiers import Tier
from engagement.selectors import partner_contacts_for_referral
from geography.models import Neighbourhood
from queries.models import Query
from queries.services import _refuse_if_erased, _save


def referral_contacts(neighbourhood: Neighbourhood) -> QuerySet[Any]:
    """The named partner contacts of NEIGHBOURHOOD's register a query there may be referred to."""
    return partner_contacts_for_referral(neighbourhood=neighbourhood, tier=Tier.POLICE)


@transaction.atomic
def query_refer(*, query: Query, contact: Any, actor: User | None, loaded_version: int | None = None) -> Query:
    """Record that the query was referred to CONTACT, a named partner contact of its neighbourhood's register."""
    _refuse_if_erased(query)
    if query.status == Query.Status.CLOSED:
        raise ValidationError("This query is closed; reopen the conversation with a new query instead.")
    if not referral_contacts(query.neighbourhood).filter(pk=contact.pk).exists():
        raise ValidationError({"referred_to": "Choose a named partner contact of this neighbourhood"})
    query.referred_to = contact
    query.referred_at = timezone.now()
    _save(query, loaded_version=loaded_version, fields=["referred_to", "referred_at"])
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.QUERY_REFERRED,
        target=query,
        data={"contact": contact.pk, "kind": contact.kind, "message_shared": query.consent_share},
    )
    return query
