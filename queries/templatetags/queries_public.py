"""Public-tier pieces other apps' public pages render (the neighbourhood page, issue 9), so that those apps
need no Python import of ``queries``: the named officers with the contact form, and the 72-hour record.

Both read only ``queries.selectors``; nothing here shows a sender's text or details.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from core.tiers import Tier
from geography.models import Neighbourhood
from queries.models import RESPONSE_HOURS
from queries.selectors import named_officers, query_measures

register = template.Library()

# The public record covers the last quarter: long enough to hold a few queries, short enough to be current.
PUBLIC_PERIOD_DAYS = 91


@register.inclusion_tag("queries/includes/named_officers.html")
def named_officers_panel(neighbourhood: Neighbourhood, heading_level: int = 2, contact_link: bool = True) -> Any:
    """The neighbourhood's published named officers (police.uk ``people`` shape) and the way to contact them."""
    return {
        "neighbourhood": neighbourhood,
        "officers": named_officers(neighbourhood, tier=Tier.PUBLIC),
        "heading": f"h{heading_level}",
        "subheading": f"h{heading_level + 1}",
        "contact_link": contact_link,
        "response_hours": RESPONSE_HOURS,
    }


@register.inclusion_tag("queries/includes/response_record.html")
def response_record(neighbourhood: Neighbourhood) -> Any:
    """The "you asked, we answered" record: how many queries the team had over the last quarter and how many it answered
    within 72 hours (the Guarantee's measure, from ``query_measures``, the same as the police pages).
    """
    now = timezone.now()
    start = now - dt.timedelta(days=PUBLIC_PERIOD_DAYS)
    return {
        "neighbourhood": neighbourhood,
        "m": query_measures([neighbourhood], start, now, now=now),
        "response_hours": RESPONSE_HOURS,
    }
