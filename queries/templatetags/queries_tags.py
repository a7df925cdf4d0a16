"""How a query's clock reads: time left to the 72-hour deadline, overdue by, or answered in/out of time."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from queries.models import Query

register = template.Library()


def _span(delta: dt.timedelta) -> str:
    hours = int(abs(delta).total_seconds() // 3600)
    minutes = int(abs(delta).total_seconds() // 60) % 60
    days, hours = divmod(hours, 24)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours or days:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if not days:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


@register.simple_tag
def clock(query: Query, now: dt.datetime) -> str:
    if query.first_response_at is not None:
        taken = _span(query.first_response_at - query.received_at)
        return f"Answered in {taken}" + ("" if query.answered_in_time() else " (late)")
    if query.status == Query.Status.CLOSED:
        return "Closed without a reply"
    left = query.time_left(now)
    assert left is not None
    return f"Overdue by {_span(left)}" if left < dt.timedelta(0) else f"{_span(left)} left"


@register.simple_tag
def clock_class(query: Query, now: dt.datetime) -> str:
    if query.first_response_at is not None:
        return "govuk-tag--green" if query.answered_in_time() else "govuk-tag--orange"
    if query.is_overdue(now):
        return "govuk-tag--red"
    return "govuk-tag--blue"


@register.filter
def hours(value: float | None) -> str:
    return "No replies yet" if value is None else f"{value:.1f} hours"


@register.filter
def share(value: float | None) -> str:
    return "None due yet" if value is None else f"{value:.0%}"


@register.simple_tag
def public_status(query: Query, now: dt.datetime) -> str:
    """Where the sender's query stands, in words for the sender (their signed link): never the text or details."""
    if query.status == Query.Status.CLOSED:
        outcome = f": {query.get_outcome_display().lower()}" if query.outcome else ""
        return f"Closed on {timezone.localtime(query.closed_at):%d %B %Y}{outcome}"  # type: ignore[arg-type]
    if query.first_response_at is not None:
        return f"Replied to on {timezone.localtime(query.first_response_at):%d %B %Y at %H:%M}"
    if query.is_overdue(now):
        return "Waiting for a reply. The 72 hours have passed, so the team's sergeant has been told."
    if query.acknowledged_at is not None:
        return "Seen by the team, who will reply by the date above"
    return "Received: waiting to be seen by the team"
